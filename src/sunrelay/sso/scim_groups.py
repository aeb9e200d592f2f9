"""SCIM Groups (RFC 7643 §4.2): the provider's groups that the group mapping
(SUNRELAY_OIDC_GROUP_ROLES) turns into roles. The rules:

- The groups are the mapping's: SCIM lists them all, with their members; a POST of a mapped
  group's displayName answers it (with the members sent), any other name is refused in words.
  A group's id is its name.
- Membership changes (POST, PUT, PATCH add/remove/replace of members, DELETE) re-derive each
  touched member's roles from all their groups (sso.people rule 5): a role the mapping can
  grant follows the groups; roles outside it stay a lead's.
- Members are users SCIM can reach (scim_users.reachable); an unknown member is refused.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.db import transaction

from sunrelay.sso.models import GroupMember
from sunrelay.sso.people import follow_groups
from sunrelay.sso.scim_errors import ScimError, invalid, not_found
from sunrelay.sso.scim_users import find as find_user
from sunrelay.sso.scim_users import operations, reachable

GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group"
FILTERABLE = {"displayname", "id"}
# remove with a path naming one member: members[value eq "42"]
ONE_MEMBER = re.compile(r'^members\[\s*value\s+eq\s+"([^"]*)"\s*\]$', re.I)


def names() -> list[str]:
    return sorted(settings.SSO.group_roles)


def find(name: str) -> str:
    if name not in settings.SSO.group_roles:
        raise not_found("group", name)
    return name


def search(found: tuple[str, str] | None) -> list[str]:
    if found is None:
        return names()
    return [n for n in names() if n == found[1]]


def resource(name: str, base: str, members: bool = True) -> dict:
    body = {
        "schemas": [GROUP_SCHEMA],
        "id": name,
        "displayName": name,
        "meta": {"resourceType": "Group", "location": f"{base}/Groups/{name}"},
    }
    if members:
        users = reachable().filter(sso_groups__group=name).order_by("pk")
        body["members"] = [
            {"value": str(u.pk), "display": u.username, "$ref": f"{base}/Users/{u.pk}"}
            for u in users
        ]
    return body


def _users(value) -> list:
    if not isinstance(value, list):
        raise invalid('members must be a list of {"value": user id}.')
    users = []
    for member in value:
        if not isinstance(member, dict) or "value" not in member:
            raise invalid('Each member must be {"value": user id}.')
        try:
            users.append(find_user(str(member["value"])))
        except ScimError:
            raise invalid(f"No user with id {member['value']!r} to make a member.") from None
    return users


def _set(name: str, add=(), remove=(), replace=None) -> None:
    touched = set()
    if replace is not None:
        current = set(GroupMember.objects.filter(group=name).values_list("user_id", flat=True))
        remove = [u for u in reachable().filter(pk__in=current) if u not in replace]
        add = replace
    for user in remove:
        GroupMember.objects.filter(user=user, group=name).delete()
        touched.add(user)
    for user in add:
        GroupMember.objects.get_or_create(user=user, group=name)
        touched.add(user)
    for user in touched:
        follow_groups(user)


def _display_name(data: dict) -> str:
    name = data.get("displayName")
    if not isinstance(name, str) or not name:
        raise invalid("displayName is required.")
    if name not in settings.SSO.group_roles:
        raise invalid(
            f"Sunrelay gives no role to the group {name!r}: map it to roles in "
            "SUNRELAY_OIDC_GROUP_ROLES (docs/sso.md), or do not push it."
        )
    return name


@transaction.atomic
def create(data: dict) -> str:
    name = _display_name(data)
    if "members" in data:
        _set(name, add=_users(data["members"]))
    return name


@transaction.atomic
def replace(name: str, data: dict) -> str:
    if _display_name(data) != name:
        raise invalid("A group's displayName cannot change: it is its name in the mapping.")
    _set(name, replace=_users(data.get("members") or []))
    return name


@transaction.atomic
def patch(name: str, data: dict) -> str:
    for op in operations(data):
        kind, path, value = op["op"].lower(), str(op.get("path") or ""), op.get("value")
        one = ONE_MEMBER.match(path)
        if kind == "remove" and one:
            _set(name, remove=_users([{"value": one.group(1)}]))
        elif path.lower() == "members":
            if kind == "add":
                _set(name, add=_users(value))
            elif kind == "remove":
                # Entra names them in the value; without one, every member goes.
                _set(name, replace=[] if value is None else None, remove=_users(value or []))
            else:
                _set(name, replace=_users(value))
        elif not path and isinstance(value, dict):
            if "displayName" in value and value["displayName"] != name:
                raise invalid("A group's displayName cannot change: it is its name in the mapping.")
            if "members" in value:
                _set(name, replace=_users(value["members"]))
        elif path.lower() == "displayname":
            if value != name:
                raise invalid("A group's displayName cannot change: it is its name in the mapping.")
        else:
            raise invalid(f"Cannot {kind} {path!r} on a group: only members change.")
    return name


@transaction.atomic
def delete(name: str) -> None:
    _set(name, replace=[])
