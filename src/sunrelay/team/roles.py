"""Who holds which role. The one place that reads StaffRole for permission checks."""

from __future__ import annotations

from sunrelay.team.models import Role, StaffRole

# Roles whose holders work tickets (reply, note, change); sales only read.
WORKING_ROLES = frozenset(
    {Role.SUPPORT, Role.SOLUTIONS, Role.CUSTOMER, Role.ENGINEERING, Role.LEAD}
)


def roles_of(user) -> frozenset[str]:
    """The roles of an active, authenticated user, cached on the user object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_sunrelay_roles", None)
    if cached is None:
        cached = frozenset(StaffRole.objects.filter(user=user).values_list("role", flat=True))
        user._sunrelay_roles = cached
    return cached


def forget_roles(user) -> None:
    user.__dict__.pop("_sunrelay_roles", None)


def is_staff_member(user) -> bool:
    """Anyone with a role, or a superuser: may see the desk at all."""
    return bool(roles_of(user)) or (getattr(user, "is_superuser", False) and user.is_active)


def works_tickets(user) -> bool:
    return bool(roles_of(user) & WORKING_ROLES) or (
        getattr(user, "is_superuser", False) and user.is_active
    )


def is_lead(user) -> bool:
    return Role.LEAD in roles_of(user) or (getattr(user, "is_superuser", False) and user.is_active)
