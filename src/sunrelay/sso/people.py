"""Who a single sign-on is, in Sunrelay. The rules, in order:

1. A user already linked to the provider's (issuer, subject) is that user.
2. Otherwise the e-mail decides, and only a verified one (`email_verified` true, or absent
   with settings.SSO.trust_emails): the one
   user with that address (any case) is linked to the subject. Two users sharing it: refused.
3. Otherwise a user is created, with no role (a lead grants them), unless the group claim
   maps to roles (settings.SSO.group_roles).
4. A deactivated user is refused (SCIM or a lead switched them off).
5. With a group mapping set, the mapped roles follow the groups at every sign-in that carries
   the group claim (SCIM's group pushes follow the same rule): a role the mapping can grant
   is granted or taken away; roles outside the mapping stay a lead's.

Refusals raise SignInRefused with words for the log-in page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from sunrelay.sso.models import GroupMember, Identity, Source
from sunrelay.team.models import Role, StaffRole
from sunrelay.team.roles import forget_roles


class SignInRefused(Exception):
    """The provider vouched for someone Sunrelay will not let in; the message says why."""


def mapped_roles(groups: Iterable[str]) -> set[str]:
    """The roles the settings' group mapping grants for these groups (unknown roles ignored)."""
    mapping = settings.SSO.group_roles
    return {r for g in groups for r in mapping.get(g, ()) if r in Role.values}


def set_mapped_roles(user, roles: set[str]) -> None:
    """Make the user's roles within the mapping's reach exactly `roles` (rule 5)."""
    reach = {r for rs in settings.SSO.group_roles.values() for r in rs} | roles
    StaffRole.objects.filter(user=user, role__in=reach - roles).delete()
    have = set(StaffRole.objects.filter(user=user).values_list("role", flat=True))
    StaffRole.objects.bulk_create(StaffRole(user=user, role=r) for r in sorted(roles - have))
    forget_roles(user)


def follow_groups(user) -> None:
    """Rule 5 for SCIM: the mapped roles of the groups SCIM put the user in."""
    groups = GroupMember.objects.filter(user=user).values_list("group", flat=True)
    set_mapped_roles(user, mapped_roles(groups))


def _groups(claims: Mapping) -> list[str]:
    value = claims.get(settings.SSO.groups_claim) or []
    return [value] if isinstance(value, str) else [str(g) for g in value]


def _verified(claims: Mapping) -> bool:
    if "email_verified" not in claims:
        return settings.SSO.trust_emails  # providers that never send it (Entra)
    value = claims.get("email_verified")
    # Some providers send the JSON string "true" (Cognito, older ADFS).
    return value is True or (isinstance(value, str) and value.lower() == "true")


def _free_username(wanted: str) -> str:
    User = get_user_model()
    name, n = wanted[:150], 1
    while User.objects.filter(username__iexact=name).exists():
        n += 1
        name = f"{wanted[:140]}-{n}"
    return name


def _by_email(email: str):
    matches = list(get_user_model().objects.filter(email__iexact=email)[:2])
    if len(matches) > 1:
        raise SignInRefused(
            f"More than one Sunrelay user has the address {email}: ask a lead to fix that."
        )
    return matches[0] if matches else None


@transaction.atomic
def user_for(claims: Mapping, issuer: str):
    """The user the ID token's claims (merged with userinfo) name, created if need be."""
    subject = str(claims.get("sub") or "")
    if not subject:
        raise SignInRefused("The identity provider did not say who you are (no subject).")
    identity = (
        Identity.objects.select_related("user").filter(issuer=issuer, subject=subject).first()
    )
    user = identity.user if identity else None
    if user is None:
        email = (claims.get("email") or "").strip()
        if not email:
            raise SignInRefused(
                "The identity provider sent no e-mail address: ask its administrator to "
                "release the email scope to Sunrelay."
            )
        if not _verified(claims):
            raise SignInRefused(
                f"Your address {email} is not verified at the identity provider: verify it "
                "there, then sign in again."
            )
        user = _by_email(email) or _create(claims, email)
        identity, _ = Identity.objects.get_or_create(user=user, defaults={"source": Source.OIDC})
        identity.issuer, identity.subject = issuer, subject
    if not user.is_active:
        raise SignInRefused("Your Sunrelay account is switched off: ask a support lead.")
    if settings.SSO.group_roles and settings.SSO.groups_claim in claims:
        set_mapped_roles(user, mapped_roles(_groups(claims)))
    identity.last_sign_in = timezone.now()
    identity.save()
    return user


def _create(claims: Mapping, email: str):
    wanted = claims.get("preferred_username") or email
    return get_user_model().objects.create_user(
        username=_free_username(str(wanted)),
        email=email,
        first_name=str(claims.get("given_name") or "")[:150],
        last_name=str(claims.get("family_name") or "")[:150],
        password=None,  # unusable: this person signs in at the provider
    )
