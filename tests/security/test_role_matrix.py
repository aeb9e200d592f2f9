"""Every page, API operation and admin page, requested as each role, answers as matrix.py says.

The cases come from the URL configuration and the OpenAPI document: a view or operation
without a rule in matrix.py fails test_every_*_has_a_rule, so nobody adds one without deciding
who may use it. Cases that fail today for a known fault are strict xfails naming it.
"""

from __future__ import annotations

import json

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse

from tests.security import world as world_module
from tests.security.matrix import CASES
from tests.security.routes import api_operations, path_of, url_names
from tests.security.rules import DENIED, EMPTY, LOGIN, MISSING, OK, OWN, OWN_OR_NONE, Case
from tests.security.world import OTHER, ROLES, World

API_PREFIX = "/api/v1"
# Staff log in on the first two; a contact signs in to the portal on the third.
SIGN_IN_PAGES = (settings.LOGIN_URL, "/admin/login/", "/portal/sign-in/")


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, mail_storage):
    """Built once for the module inside a transaction that is rolled back at its end; each
    test runs in a savepoint of it (pytest-django's `db`), so writes never leak. Its files
    are in the module's storage (conftest.py), which every test of the module uses."""
    storages = {**settings.STORAGES, "default": mail_storage, "mail": mail_storage}
    with override_settings(STORAGES=storages), django_db_blocker.unblock(), transaction.atomic():
        yield world_module.build()
        transaction.set_rollback(True)


def test_every_url_pattern_has_a_rule():
    ruled = {c.name for c in CASES if c.kind in ("web", "admin")}
    missing = sorted(set(url_names()) - ruled)
    assert not missing, f"Say who may use these pages in tests/security/matrix.py: {missing}"


def test_every_api_operation_has_a_rule():
    ruled = {c.name for c in CASES if c.kind == "api"}
    missing = sorted(set(api_operations()) - ruled)
    assert not missing, f"Say who may use these operations in tests/security/matrix.py: {missing}"


def test_every_rule_names_a_page_or_operation_that_exists():
    known = set(url_names()) | set(api_operations())
    stale = sorted({c.name for c in CASES} - known)
    assert not stale, f"These rules name nothing any more: {stale}"


def test_every_rule_gives_every_role_an_answer():
    incomplete = [c.id for c in CASES if set(c.rules) != set(ROLES)]
    assert not incomplete


def _value(world: World, ref: str):
    """What a reference of matrix.py stands for in this world (rules.py says how they read)."""
    kind, _, key = ref.partition(":")
    if kind == "value":
        return key
    if kind == "secret":
        return world.secrets[key]
    if kind == "user":
        return world.users[key].pk
    if kind == "slug":
        return world.objects[key].slug
    if kind == "content_type":
        return ContentType.objects.get_by_natural_key(*key.split(".")).pk
    return world.pk(ref)


def _path(world: World, case: Case) -> str:
    args = {name: _value(world, ref) for name, ref in case.args.items()}
    if case.kind == "api":
        path = case.name.partition(" ")[2]
        for name, value in args.items():
            path = path.replace("{" + name + "}", str(value))
        return API_PREFIX + path
    if "/" in case.name:  # a pattern without a name
        return path_of(case.name, args)
    return reverse(case.name, kwargs=args)


def _data(world: World, case: Case):
    if case.data is None:
        return {}
    return {k: _data_value(world, v) for k, v in case.data.items()}


def _data_value(world: World, value):
    """References in a body: "user:…", "ticket:…" (also inside a list); other text as is."""
    if isinstance(value, list):
        return [_data_value(world, item) for item in value]
    if isinstance(value, str) and value.startswith(("user:", "ticket:")):
        return _value(world, value)
    return value


def request(world: World, case: Case, role: str):
    """The case's request, made as `role` (a browser session for pages, a token for the API)."""
    if case.kind == "api":
        token = world.tokens.get(role)
        client = Client(headers={"Authorization": f"Bearer {token}"} if token else {})
        if case.method == "GET":
            query = {name: _value(world, ref) for name, ref in case.query.items()}
            return client.get(_path(world, case), query)
        body = json.dumps(_data(world, case)) if case.method in ("POST", "PATCH", "PUT") else ""
        return client.generic(
            case.method, _path(world, case), body, content_type="application/json"
        )
    client = Client()
    if role in world.sessions:
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[role]
    if case.method == "GET":
        query = {name: _value(world, ref) for name, ref in case.query.items()}
        return client.get(_path(world, case), query)
    assert case.method == "POST", "pages are read with GET and changed with POST"
    return client.post(_path(world, case), _data(world, case))


def answered(case: Case, response) -> str:
    """The kind of answer a response is (matrix.py's words)."""
    status = response.status_code
    location = response.get("Location", "")
    if status in (301, 302) and location.startswith(SIGN_IN_PAGES):
        return LOGIN
    if case.kind == "api" and status == 401:
        return LOGIN
    if status == 403:
        return DENIED
    if status == 404:
        return MISSING
    if (
        case.kind == "admin"
        and status == 302
        and location == "/admin/"
        and "object_id" in case.args
    ):
        return MISSING  # the admin's "… with ID … doesn't exist" redirect
    if status >= 500:
        return f"server error {status}"
    return OK


def body_of(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8", "replace")


def check(case: Case, role: str, response) -> str:
    """'' when the response is what the rule says; else what is wrong, in words."""
    wanted = case.rules[role]
    got = answered(case, response)
    if wanted in (OWN, OWN_OR_NONE, EMPTY) and got == OK:
        body = body_of(response)
        if wanted == EMPTY:
            found = json.loads(body)
            if isinstance(found, dict):  # a page of items, or lists by kind (search)
                found = found.get(
                    "items", [x for v in found.values() if isinstance(v, list) for x in v]
                )
            return "" if found == [] else f"wanted nothing, got {len(found)} items"
        return f"shows {OTHER}, an account {role} does not look after" if OTHER in body else ""
    if wanted == OWN_OR_NONE and got in (DENIED, LOGIN, MISSING):
        return ""
    if wanted == OWN:
        wanted = OK
    return "" if got == wanted else f"wanted {wanted}, got {got} ({response.status_code})"


def _params():
    """One test per case for the roles it holds for today, and one per role it does not hold
    for yet (a strict xfail naming the fault: it fails the day the fault is fixed)."""
    for case in CASES:
        yield pytest.param(case, [r for r in ROLES if r not in case.faults], id=case.id)
        for role, why in case.faults.items():
            mark = pytest.mark.xfail(strict=True, reason=why)
            yield pytest.param(case, [role], id=f"{case.id} as {role}", marks=mark)


@pytest.mark.parametrize(("case", "roles"), list(_params()))
def test_each_role_gets_what_the_matrix_says(world, db, case, roles):
    problems = []
    for role in roles:
        with transaction.atomic():  # each role finds the desk as the world built it
            response = request(world, case, role)
            transaction.set_rollback(True)
        problem = check(case, role, response)
        if problem:
            problems.append(f"as {role}: {problem}")
    assert not problems, f"{case.id}\n" + "\n".join(problems)


def _filtered():
    for case in CASES:
        # The portal's lists are one organisation's for everyone: no role sees them whole.
        whole = OK in (case.rules["support"], case.rules["admin"])
        if (OWN in case.rules.values() or case.shows_accounts) and whole:
            yield pytest.param(case, id=case.id)


@pytest.mark.parametrize("case", list(_filtered()))
def test_filtered_pages_do_show_other_accounts_to_support(world, db, case):
    """Otherwise "sales do not see Otherco" would prove nothing."""
    role = "support" if case.rules["support"] == OK else "admin"
    response = request(world, case, role)
    assert answered(case, response) == OK
    assert OTHER in body_of(response), f"{case.id}: shows nothing of {OTHER} to {role} either"
