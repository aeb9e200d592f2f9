"""People: adding someone, their roles and log-in, their place and working week.

A support lead manages everyone; each person keeps their own place (city, time zone), the
levels they work and their working week. Nobody switches off their own log-in or drops their
own lead role (another lead does: the team is never left without one by a slip). Rule
violations raise ValidationError per field, access PermissionDenied.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import time

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from sunrelay.team.models import Role, StaffProfile, StaffRole, WorkingInterval
from sunrelay.team.roles import forget_roles, is_lead

Week = Mapping[int, Iterable[tuple[time, time]]]
# Ticket levels a person may work (desk.models.Level's values; routing matches on them).
LEVELS = ("l1", "l2", "engineering")


def can_manage(actor) -> bool:
    return is_lead(actor)


def check_can_manage(actor) -> None:
    if not can_manage(actor):
        raise PermissionDenied("Only a support lead can add people or change their roles.")


def can_edit_week(actor, user) -> bool:
    return is_lead(actor) or (actor.is_active and actor.pk == user.pk)


def check_can_edit_week(actor, user) -> None:
    if not can_edit_week(actor, user):
        raise PermissionDenied("Only a support lead can change someone else's working week.")


def _clean_roles(roles: Iterable[str], errors: dict) -> list[str]:
    roles = list(dict.fromkeys(roles))
    wrong = [r for r in roles if r not in Role.values]
    if wrong:
        errors["roles"] = [f"{', '.join(wrong)}: not a role."]
    return roles


def _user_errors(user) -> dict:
    try:
        user.full_clean(exclude=["password", "last_login", "date_joined"])
    except ValidationError as exc:
        return dict(exc.message_dict)
    return {}


def _set_roles(user, roles: list[str]) -> None:
    StaffRole.objects.filter(user=user).exclude(role__in=roles).delete()
    have = set(StaffRole.objects.filter(user=user).values_list("role", flat=True))
    StaffRole.objects.bulk_create(StaffRole(user=user, role=r) for r in roles if r not in have)
    forget_roles(user)


@transaction.atomic
def add_person(
    actor,
    *,
    username: str,
    password: str,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    roles: Iterable[str] = (),
    time_zone: str = "UTC",
    location: str = "",
):
    """A new log-in with its roles and profile; they change the password once logged in."""
    check_can_manage(actor)
    user = get_user_model()(
        username=(username or "").strip(),
        first_name=(first_name or "").strip(),
        last_name=(last_name or "").strip(),
        email=(email or "").strip(),
    )
    errors = _user_errors(user)
    roles = _clean_roles(roles, errors)
    if not roles:
        errors.setdefault("roles", []).append("Give them a role: without one they see nothing.")
    try:
        validate_password(password or "", user)
    except ValidationError as exc:
        errors["password"] = exc.messages
    profile = StaffProfile(time_zone=(time_zone or "").strip(), location=(location or "").strip())
    errors.update(_profile_errors(profile))
    if errors:
        raise ValidationError(errors)
    user.set_password(password)
    user.save()
    profile.user = user
    profile.save()
    _set_roles(user, roles)
    return user


@transaction.atomic
def update_person(
    actor,
    user,
    *,
    first_name: str,
    last_name: str,
    email: str,
    is_active: bool,
    roles: Iterable[str],
):
    """Name, e-mail, log-in switched on or off, and roles (replacing them all)."""
    check_can_manage(actor)
    user.first_name, user.last_name = (first_name or "").strip(), (last_name or "").strip()
    user.email = (email or "").strip()
    errors = _user_errors(user)
    roles = _clean_roles(roles, errors)
    if user.pk == actor.pk and not is_active:
        errors["is_active"] = ["You cannot switch off your own log-in: ask another lead."]
    if user.pk == actor.pk and Role.LEAD not in roles and not user.is_superuser:
        errors["roles"] = ["You cannot drop your own lead role: ask another lead."]
    if errors:
        raise ValidationError(errors)
    user.is_active = bool(is_active)
    user.save()
    _set_roles(user, roles)
    return user


def _profile_errors(profile: StaffProfile) -> dict:
    try:
        profile.full_clean(exclude=["user"])
    except ValidationError as exc:
        return dict(exc.message_dict)
    return {}


@transaction.atomic
def save_working_week(
    actor,
    user,
    *,
    location: str,
    time_zone: str,
    support_levels: Iterable[str],
    week: Week,
) -> StaffProfile:
    """The person's city, time zone, levels and working week (local wall-clock times; an end
    not after its start runs past midnight). Routing and coverage read them at once."""
    check_can_edit_week(actor, user)
    profile, _ = StaffProfile.objects.get_or_create(user=user)
    profile.location = (location or "").strip()
    profile.time_zone = (time_zone or "").strip()
    levels = list(dict.fromkeys(support_levels))
    errors = _profile_errors(profile)
    wrong = [level for level in levels if level not in LEVELS]
    if wrong:
        errors["support_levels"] = [f"{', '.join(wrong)}: not a ticket level."]
    if any(not 0 <= day <= 6 for day in week):
        errors["week"] = ["Weekdays run from 0 (Monday) to 6 (Sunday)."]
    if errors:
        raise ValidationError(errors)
    profile.support_levels = [level for level in LEVELS if level in levels]
    profile.save()
    profile.working_hours.all().delete()
    WorkingInterval.objects.bulk_create(
        WorkingInterval(profile=profile, weekday=day, start=start, end=end)
        for day, stretches in sorted(week.items())
        for start, end in stretches
    )
    return profile
