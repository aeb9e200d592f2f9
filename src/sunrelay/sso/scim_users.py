"""SCIM Users (RFC 7643 §4.1, RFC 7644 §3): Sunrelay's users as the provisioning client sees
them, and its writes. The rules:

- SCIM sees every user but superusers and the break-glass user names: the door's last key
  stays out of a provisioning client's reach (they answer 404, their userName 409).
- userName is the user name, unique in any case; the primary (or first) e-mail is the e-mail.
- Created users get no password (they sign in at the provider) and no role; their groups
  (scim_groups) bring the roles the group mapping names.
- active: false switches the user off: their session and API tokens stop working.
- DELETE switches off too, and from then on SCIM answers 404 for them (RFC 7644 §3.6) until
  a POST of the same userName brings them back.
- Attributes Sunrelay does not keep (title, phone numbers, enterprise extension …) are ignored.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from sunrelay.sso.models import GroupMember, Identity, Source
from sunrelay.sso.people import follow_groups
from sunrelay.sso.scim_errors import ScimError, invalid, not_found

USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"
FILTERABLE = {"username", "externalid", "emails.value", "emails"}


def reachable() -> QuerySet:
    """The users SCIM may see and change."""
    return (
        get_user_model()
        .objects.filter(is_superuser=False)
        .exclude(username__in=settings.SSO.break_glass)
        .exclude(sso_identity__scim_deleted_at__isnull=False)
    )


def find(id_: str):
    try:
        return (
            reachable()
            .select_related("sso_identity")
            .prefetch_related("sso_groups")
            .get(pk=int(id_))
        )
    except (ValueError, get_user_model().DoesNotExist):
        raise not_found("user", id_) from None


def search(found: tuple[str, str] | None) -> QuerySet:
    users = reachable().select_related("sso_identity").prefetch_related("sso_groups").order_by("pk")
    if found is None:
        return users
    attribute, value = found
    if attribute == "username":
        return users.filter(username__iexact=value)
    if attribute == "externalid":
        return users.filter(sso_identity__external_id=value)
    return users.filter(email__iexact=value)


def resource(user, base: str) -> dict:
    identity = getattr(user, "sso_identity", None)
    groups = sorted(m.group for m in user.sso_groups.all())  # prefetched by find() and search()
    body = {
        "schemas": [USER_SCHEMA],
        "id": str(user.pk),
        "userName": user.username,
        "name": {
            "givenName": user.first_name,
            "familyName": user.last_name,
            "formatted": user.get_full_name(),
        },
        "displayName": user.get_full_name() or user.username,
        "emails": [{"value": user.email, "type": "work", "primary": True}] if user.email else [],
        "active": user.is_active,
        "groups": [{"value": g, "display": g, "$ref": f"{base}/Groups/{g}"} for g in groups],
        "meta": {
            "resourceType": "User",
            "created": user.date_joined.isoformat(),
            "lastModified": user.date_joined.isoformat(),
            "location": f"{base}/Users/{user.pk}",
        },
    }
    if identity and identity.external_id:
        body["externalId"] = identity.external_id
    return body


def _flag(value) -> bool:
    # Entra sends "True"/"False" as strings in PATCH operations.
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in {"true", "false"}:
        return value.lower() == "true"
    raise invalid(f"active must be true or false, not {value!r}.")


def _email(data: dict) -> str | None:
    emails = data.get("emails")
    if not isinstance(emails, list) or not emails:
        return None
    chosen = next((e for e in emails if isinstance(e, dict) and e.get("primary")), emails[0])
    return str(chosen.get("value") or "") if isinstance(chosen, dict) else None


def _user_name(data: dict) -> str:
    name = data.get("userName")
    if not isinstance(name, str) or not name.strip():
        raise invalid("userName is required: a non-empty string.")
    if len(name) > 150:
        raise invalid("userName is longer than 150 characters.")
    return name.strip()


def _taken(name: str, but=None) -> None:
    others = get_user_model().objects.filter(username__iexact=name)
    if but is not None:
        others = others.exclude(pk=but.pk)
    if others.exists():
        raise ScimError(409, f"The userName {name!r} is taken.", "uniqueness")


def _apply(user, data: dict) -> None:
    """Copy the attributes Sunrelay keeps from a full or partial resource onto the user."""
    if "userName" in data:
        user.username = _user_name(data)
    name = data.get("name")
    if isinstance(name, dict):
        user.first_name = str(name.get("givenName") or "")[:150]
        user.last_name = str(name.get("familyName") or "")[:150]
    for key, field in (("name.givenName", "first_name"), ("name.familyName", "last_name")):
        if key in data:
            setattr(user, field, str(data[key] or "")[:150])
    email = _email(data)
    if email is not None:
        user.email = email[:254]
    elif "@" in user.username and not user.email:
        user.email = user.username
    if "active" in data:
        user.is_active = _flag(data["active"])


def _identity(user, data: dict) -> Identity:
    identity, _ = Identity.objects.get_or_create(user=user, defaults={"source": Source.SCIM})
    if "externalId" in data:
        identity.external_id = str(data["externalId"] or "")[:255]
    return identity


@transaction.atomic
def create(data: dict):
    name = _user_name(data)
    User = get_user_model()
    gone = User.objects.filter(username__iexact=name, sso_identity__scim_deleted_at__isnull=False)
    user = gone.first()
    if user is None:
        _taken(name)
        user = User(username=name, is_active=True)
        user.set_unusable_password()
    else:
        user.is_active = True  # a deleted user provisioned again (RFC 7644 §3.6)
    _apply(user, {"active": True} | data)
    user.save()
    identity = _identity(user, data)
    identity.scim_deleted_at = None
    identity.save()
    return user


@transaction.atomic
def replace(user, data: dict):
    _taken(_user_name(data), but=user)
    _apply(user, {"active": True} | data)  # PUT: an omitted `active` is its default
    user.save()
    _identity(user, data).save()
    return user


PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp"


def operations(data: dict) -> list[dict]:
    """The Operations of a PatchOp request (RFC 7644 §3.5.2), each checked for shape."""
    ops = data.get("Operations")
    if not isinstance(ops, list) or not ops:
        raise invalid("A PATCH needs Operations: a list of {op, path, value}.")
    for op in ops:
        if not isinstance(op, dict) or str(op.get("op", "")).lower() not in {
            "add",
            "replace",
            "remove",
        }:
            raise invalid("Each operation's op must be add, replace or remove.")
    return ops


@transaction.atomic
def patch(user, data: dict):
    changes: dict = {}
    for op in operations(data):
        kind, path, value = op["op"].lower(), op.get("path"), op.get("value")
        if kind == "remove":
            if path in ("externalId", "name.givenName", "name.familyName"):
                changes[path] = ""
            continue  # other removals touch what Sunrelay does not keep
        if path:
            changes[str(path)] = value
        elif isinstance(value, dict):
            changes.update(value)
        else:
            raise invalid("An operation without a path needs an object as its value.")
    if "userName" in changes:
        _taken(_user_name(changes), but=user)
    if 'emails[type eq "work"].value' in changes:
        changes["emails"] = [{"value": changes.pop('emails[type eq "work"].value')}]
    _apply(user, changes)
    user.save()
    _identity(user, changes).save()
    return user


@transaction.atomic
def delete(user) -> None:
    user.is_active = False
    user.save(update_fields=["is_active"])
    identity = _identity(user, {})
    identity.scim_deleted_at = timezone.now()
    identity.save()
    GroupMember.objects.filter(user=user).delete()
    follow_groups(user)
