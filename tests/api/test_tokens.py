from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from sunrelay.api.models import ApiToken
from sunrelay.api.tokens import hash_token
from tests.api.conftest import ApiClient


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("token", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_creates_a_token_and_shows_it_once(agent):
    out, err = run("create", "alba", "--name", "CI import")
    raw = out.strip()
    assert raw.startswith("sr_")
    assert "cannot be shown again" in err
    token = ApiToken.objects.get()
    assert token.user == agent
    assert token.name == "CI import"
    assert raw.startswith(token.prefix)
    assert ApiClient(raw).get("/tickets").status_code == 200


def test_it_stores_only_a_hash_of_the_token(agent):
    raw = run("create", "alba")[0].strip()
    token = ApiToken.objects.get()
    assert token.token_hash == hash_token(raw)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM api_apitoken")
        rows = cursor.fetchall()
    assert rows
    assert raw not in repr(rows)
    assert raw[len(token.prefix) :] not in repr(rows)


def test_it_draws_a_different_token_each_time(agent):
    first = run("create", "alba")[0].strip()
    second = run("create", "alba")[0].strip()
    assert first != second
    assert ApiToken.objects.count() == 2


def test_it_lists_all_tokens_without_showing_them(agent, sales):
    alba = run("create", "alba", "--name", "laptop")[0].strip()
    sam = run("create", "sam", "--name", "crm sync")[0].strip()
    out, _ = run("list")
    assert "laptop" in out and "crm sync" in out
    for raw in (alba, sam):
        assert ApiToken.objects.get(token_hash=hash_token(raw)).prefix in out
        assert raw not in out


def test_it_lists_the_tokens_of_one_user(agent, sales):
    run("create", "alba", "--name", "laptop")
    run("create", "sam", "--name", "crm sync")
    out, _ = run("list", "sam")
    assert "crm sync" in out
    assert "laptop" not in out


def test_it_says_when_there_are_no_tokens(agent):
    assert "No API tokens" in run("list")[0]


def test_it_revokes_a_token_by_prefix(agent):
    raw = run("create", "alba")[0].strip()
    prefix = ApiToken.objects.get().prefix
    out, _ = run("revoke", prefix)
    assert "Revoked" in out
    assert ApiToken.objects.get().revoked_at is not None
    assert "revoked" in run("list")[0]
    assert ApiClient(raw).get("/tickets").status_code == 401


@pytest.mark.parametrize("args", [("create", "nobody"), ("list", "nobody")])
def test_it_refuses_unknown_users(db, args):
    with pytest.raises(CommandError, match="No user named 'nobody'"):
        run(*args)


def test_it_refuses_a_token_for_an_inactive_user(agent):
    agent.is_active = False
    agent.save()
    with pytest.raises(CommandError, match="inactive"):
        run("create", "alba")


def test_it_refuses_an_unknown_prefix(db):
    with pytest.raises(CommandError, match="No token with prefix"):
        run("revoke", "sr_nothere")
