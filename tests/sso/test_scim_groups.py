"""SCIM Groups → roles (RFC 7644 §3.5.2's member operations, Entra's and Okta's shapes)."""

from __future__ import annotations

import pytest

from sunrelay.team.models import StaffRole
from tests.factories import make_staff
from tests.sso.provider.running import config
from tests.sso.scim_client import GROUP, TOKEN, Scim, patch_op

pytestmark = pytest.mark.django_db


@pytest.fixture
def scim(client, settings):
    settings.SSO = config("https://id.example.test", scim_token=TOKEN)  # leads, support-engineers
    return Scim(client)


def roles(user) -> set[str]:
    return set(StaffRole.objects.filter(user=user).values_list("role", flat=True))


def member(user) -> dict:
    return {"value": str(user.pk), "display": user.username}


def test_the_groups_are_the_mapped_ones(scim):
    listing = scim.get("Groups").json()
    assert [g["displayName"] for g in listing["Resources"]] == ["leads", "support-engineers"]
    found = scim.get("Groups", filter='displayName eq "leads"').json()
    assert [g["id"] for g in found["Resources"]] == ["leads"]
    assert "members" not in scim.get("Groups", excludedAttributes="members").json()["Resources"][0]


def test_pushing_a_group_with_members_grants_its_roles(scim):
    babs = make_staff("babs", roles=[])
    answer = scim.post(
        "Groups", {"schemas": [GROUP], "displayName": "leads", "members": [member(babs)]}
    )
    assert answer.status_code == 201
    assert answer.json()["members"][0]["value"] == str(babs.pk)
    assert roles(babs) == {"lead", "support"}


def test_pushing_an_unmapped_group_is_refused_in_words(scim):
    answer = scim.post("Groups", {"schemas": [GROUP], "displayName": "Tour Guides"})
    assert answer.status_code == 400
    assert "SUNRELAY_OIDC_GROUP_ROLES" in answer.json()["detail"]


def test_add_and_remove_members_as_rfc_7644_shows(scim):
    babs, mandy = make_staff("babs", roles=["sales"]), make_staff("mandy", roles=[])
    add = {"op": "add", "path": "members", "value": [member(babs), member(mandy)]}
    assert scim.patch("Groups/support-engineers", patch_op(add)).status_code == 200
    assert roles(babs) == {"sales", "support"} and roles(mandy) == {"support"}
    remove = {"op": "remove", "path": f'members[value eq "{babs.pk}"]'}
    answer = scim.patch("Groups/support-engineers", patch_op(remove))
    assert [m["value"] for m in answer.json()["members"]] == [str(mandy.pk)]
    assert roles(babs) == {"sales"}  # sales is outside the mapping: a lead's to take


def test_a_role_stays_while_another_group_grants_it(scim):
    babs = make_staff("babs", roles=[])
    scim.patch("Groups/leads", patch_op({"op": "add", "path": "members", "value": [member(babs)]}))
    scim.patch(
        "Groups/support-engineers",
        patch_op({"op": "add", "path": "members", "value": [member(babs)]}),
    )
    # Entra's removal: the members named in the value.
    entra = {"op": "Remove", "path": "members", "value": [{"value": str(babs.pk)}]}
    scim.patch("Groups/leads", patch_op(entra))
    assert roles(babs) == {"support"}


def test_replace_and_delete_take_the_roles_away(scim):
    babs, mandy = make_staff("babs", roles=[]), make_staff("mandy", roles=[])
    put = {"schemas": [GROUP], "displayName": "leads", "members": [member(babs)]}
    assert scim.put("Groups/leads", put).status_code == 200
    replace = {"op": "replace", "path": "members", "value": [member(mandy)]}
    scim.patch("Groups/leads", patch_op(replace))
    assert roles(babs) == set() and roles(mandy) == {"lead", "support"}
    assert scim.delete("Groups/leads").status_code == 204
    assert roles(mandy) == set()
    assert scim.get("Groups/leads").json()["members"] == []


def test_an_unknown_member_or_rename_is_refused_and_nothing_changes(scim):
    babs = make_staff("babs", roles=[])
    bad = {"op": "add", "path": "members", "value": [member(babs), {"value": "999999"}]}
    answer = scim.patch("Groups/leads", patch_op(bad))
    assert answer.status_code == 400
    assert roles(babs) == set()
    rename = {"op": "replace", "path": "displayName", "value": "bosses"}
    assert scim.patch("Groups/leads", patch_op(rename)).status_code == 400
    assert scim.get("Groups/nobody").status_code == 404


def test_a_users_groups_show_on_the_user(scim):
    babs = make_staff("babs", roles=[])
    scim.patch("Groups/leads", patch_op({"op": "add", "path": "members", "value": [member(babs)]}))
    assert [g["value"] for g in scim.get(f"Users/{babs.pk}").json()["groups"]] == ["leads"]
