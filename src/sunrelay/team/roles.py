"""Who holds which role. The one place that reads StaffRole for permission checks."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, NamedTuple

from django.contrib.auth import get_user_model
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet

from sunrelay.team.models import Role, StaffProfile, StaffRole

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


def ticket_workers(*, superusers: bool = True, former: bool = False) -> QuerySet:
    """The people who work tickets, as users ordered by name, each once: the holders of a
    working role and, like works_tickets(), superusers.

    superusers=False: only the team, people with a working role (rotations put them on call).
    former=True: people no longer active too (reports on past weeks still name them).
    """
    works = Q(_holds(WORKING_ROLES))
    if superusers:
        works |= Q(is_superuser=True)
    people = get_user_model().objects.filter(works)
    if not former:
        people = people.filter(is_active=True)
    return people.order_by(*BY_NAME)


BY_NAME = ("first_name", "last_name", "username")


def _holds(roles) -> Exists:
    return Exists(StaffRole.objects.filter(user=OuterRef("pk"), role__in=list(roles)))


class DeskPeople(NamedTuple):
    """The people a queue page names, each list by name."""

    workers: list  # who works tickets: ticket_workers()
    sales: list  # who holds the sales role (account executives)
    customer_engineers: list


# Every desk page names the desk's people, who change a few times a month: they are read
# once and kept, forgotten at once in this process when a user, a role or a profile is saved
# or deleted (team/apps.py), and read again after PEOPLE_SECONDS in any case, so another
# process sees a change within that time.
PEOPLE_SECONDS = 60
_kept: dict[str, tuple[float, Any]] = {}


def _kept_or_read(name: str, read: Callable[[], Any]) -> Any:
    now = time.monotonic()
    kept = _kept.get(name)
    if kept is None or now - kept[0] > PEOPLE_SECONDS:
        kept = _kept[name] = (now, read())
    return kept[1]


def forget_people(**_signal) -> None:
    _kept.clear()


def desk_people() -> DeskPeople:
    """Active people who work tickets, are sales or customer engineers (kept as said above:
    the lists are shared, not to be changed)."""
    return _kept_or_read("desk_people", _read_desk_people)


def support_locations() -> list[tuple[str, str]]:
    """(time zone, location) of every active support engineer, each pair once: where the
    top bar's clocks are (kept as said above)."""
    return _kept_or_read("support_locations", _read_support_locations)


def _read_support_locations() -> list[tuple[str, str]]:
    rows = StaffProfile.objects.filter(user__is_active=True, user__staff_roles__role=Role.SUPPORT)
    return list(rows.values_list("time_zone", "location").distinct())


def _read_desk_people() -> DeskPeople:
    """One query."""
    works = ExpressionWrapper(
        Q(_holds(WORKING_ROLES)) | Q(is_superuser=True), output_field=BooleanField()
    )
    people = (
        get_user_model()
        .objects.filter(is_active=True)
        .annotate(works=works, sells=_holds({Role.SALES}), engineers=_holds({Role.CUSTOMER}))
        .filter(Q(works=True) | Q(sells=True) | Q(engineers=True))
        .order_by(*BY_NAME)
    )
    people = list(people)
    return DeskPeople(
        [u for u in people if u.works],
        [u for u in people if u.sells],
        [u for u in people if u.engineers],
    )


def holders(role: str) -> QuerySet:
    """Active people holding `role`, ordered by name (the account team's pickers)."""
    return (
        get_user_model()
        .objects.filter(staff_roles__role=role, is_active=True)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def is_lead(user) -> bool:
    return Role.LEAD in roles_of(user) or (getattr(user, "is_superuser", False) and user.is_active)
