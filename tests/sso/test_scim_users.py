"""SCIM Users (RFC 7644 §3) with the RFC's own requests and those Okta and Entra send."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sunrelay.sso.models import Identity, Source
from tests.factories import make_staff
from tests.sso.provider.running import config
from tests.sso.scim_client import ERROR, LIST, TOKEN, USER, Scim, patch_op

pytestmark = pytest.mark.django_db

# RFC 7644 §3.3's creation request.
BJENSEN = {
    "schemas": [USER],
    "userName": "bjensen",
    "externalId": "bjensen",
    "name": {
        "formatted": "Ms. Barbara J Jensen III",
        "familyName": "Jensen",
        "givenName": "Barbara",
    },
}


@pytest.fixture
def scim(client, settings):
    settings.SSO = config("https://id.example.test", scim_token=TOKEN)
    return Scim(client)


def created(scim, body=BJENSEN) -> dict:
    answer = scim.post("Users", body)
    assert answer.status_code == 201, answer.content
    return answer.json()


def test_it_creates_a_user_as_rfc_7644_shows(scim):
    answer = scim.post("Users", BJENSEN)
    assert answer.status_code == 201
    assert answer["Content-Type"] == "application/scim+json"
    body = answer.json()
    assert answer["Location"] == f"http://testserver/scim/v2/Users/{body['id']}"
    assert body["schemas"] == [USER]
    assert body["userName"] == "bjensen"
    assert body["externalId"] == "bjensen"
    assert body["name"]["givenName"] == "Barbara"
    assert body["active"] is True
    assert body["meta"]["resourceType"] == "User"
    user = User.objects.get(username="bjensen")
    assert not user.has_usable_password()
    assert not user.staff_roles.exists()  # no role until a group or a lead grants one
    assert Identity.objects.get(user=user).source == Source.SCIM


def test_a_taken_user_name_is_a_uniqueness_error_in_any_case(scim):
    make_staff("BJensen", roles=[])
    answer = scim.post("Users", BJENSEN)
    assert answer.status_code == 409
    assert answer.json() == {
        "schemas": [ERROR],
        "status": "409",
        "scimType": "uniqueness",
        "detail": "The userName 'bjensen' is taken.",
    }


def test_it_finds_a_user_by_the_filter_clients_send(scim):
    body = created(scim)
    make_staff("someone", roles=[])
    answer = scim.get("Users", filter='userName eq "BJENSEN"')
    listing = answer.json()
    assert listing["schemas"] == [LIST]
    assert listing["totalResults"] == 1
    assert [r["id"] for r in listing["Resources"]] == [body["id"]]
    none = scim.get("Users", filter='userName eq "nobody"').json()
    assert none["totalResults"] == 0 and none["Resources"] == []


def test_it_refuses_a_filter_it_does_not_understand_in_words(scim):
    answer = scim.get("Users", filter='title co "eng" or userName sw "b"')
    assert answer.status_code == 400
    assert answer.json()["scimType"] == "invalidFilter"


def test_the_list_costs_the_same_queries_for_more_people(scim):
    make_staff("first", roles=[])
    with CaptureQueriesContext(connection) as few:
        scim.get("Users")
    for n in range(3):
        make_staff(f"more{n}", roles=[])
    with CaptureQueriesContext(connection) as more:
        assert scim.get("Users").json()["totalResults"] == 4
    assert len(more) == len(few)


def test_it_pages_the_list(scim):
    for n in range(3):
        make_staff(f"person{n}", roles=[])
    page = scim.get("Users", startIndex=2, count=1).json()
    assert page["totalResults"] == 3
    assert page["startIndex"] == 2 and page["itemsPerPage"] == 1


def test_it_replaces_a_user_with_put_as_rfc_7644_shows(scim):
    body = created(scim)
    replacement = BJENSEN | {
        "id": body["id"],
        "name": {"familyName": "Jensen", "givenName": "Barbara", "middleName": "Jane"},
        "roles": [],
        "emails": [{"value": "bjensen@example.com"}, {"value": "babs@jensen.org"}],
    }
    answer = scim.put(f"Users/{body['id']}", replacement)
    assert answer.status_code == 200
    assert answer.json()["emails"][0]["value"] == "bjensen@example.com"
    assert User.objects.get(pk=body["id"]).email == "bjensen@example.com"


def test_patch_active_false_switches_the_user_off_okta_style(scim, client):
    body = created(scim)
    user = User.objects.get(pk=body["id"])
    client.force_login(user)
    answer = scim.patch(
        f"Users/{body['id']}", patch_op({"op": "replace", "value": {"active": False}})
    )
    assert answer.status_code == 200
    assert answer.json()["active"] is False
    user.refresh_from_db()
    assert not user.is_active


def test_patch_active_false_as_entra_sends_it(scim):
    body = created(scim)
    op = {"op": "Replace", "path": "active", "value": "False"}
    assert scim.patch(f"Users/{body['id']}", patch_op(op)).json()["active"] is False
    op = {"op": "Add", "path": "name.givenName", "value": "Babs"}
    assert scim.patch(f"Users/{body['id']}", patch_op(op)).json()["name"]["givenName"] == "Babs"


def test_a_patch_without_operations_is_refused_in_words(scim):
    body = created(scim)
    answer = scim.patch(f"Users/{body['id']}", {"schemas": []})
    assert answer.status_code == 400
    assert "Operations" in answer.json()["detail"]
    bad = scim.patch(
        f"Users/{body['id']}", patch_op({"op": "replace", "path": "active", "value": 3})
    )
    assert bad.status_code == 400
    assert User.objects.get(pk=body["id"]).is_active  # nothing lost


def test_delete_switches_off_and_then_answers_404(scim):
    body = created(scim)
    assert scim.delete(f"Users/{body['id']}").status_code == 204
    assert not User.objects.get(pk=body["id"]).is_active  # kept: their tickets name them
    assert scim.get(f"Users/{body['id']}").status_code == 404
    assert scim.get("Users", filter='userName eq "bjensen"').json()["totalResults"] == 0
    again = created(scim)  # provisioned again: the same user, active
    assert again["id"] == body["id"] and again["active"] is True


def test_superusers_and_break_glass_users_are_out_of_reach(scim, settings):
    settings.SSO = config("https://id.example.test", scim_token=TOKEN, break_glass=("root",))
    boss = User.objects.create_superuser("boss", "boss@example.test", "pw-boss-1234")
    root = make_staff("root", roles=[])
    for user in (boss, root):
        assert scim.get(f"Users/{user.pk}").status_code == 404
        assert scim.delete(f"Users/{user.pk}").status_code == 404
    assert scim.get("Users").json()["totalResults"] == 0


def test_a_body_that_is_not_json_is_refused(scim, client):
    answer = client.post(
        "/scim/v2/Users",
        "{nope",
        content_type="application/scim+json",
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert answer.status_code == 400
    assert answer.json()["scimType"] == "invalidSyntax"
    assert scim.post("Users", {"schemas": [USER]}).json()["scimType"] == "invalidValue"
