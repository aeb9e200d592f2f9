"""Names for the report's ids: staff with their regions, users, tickets."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth import get_user_model

from sunrelay.desk.models import Ticket
from sunrelay.reports.figures import TicketBrief
from sunrelay.reports.labels import NO_ACCOUNT
from sunrelay.team.models import StaffProfile


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    zone: str
    location: str


def staff() -> dict[int, Person]:
    """Everyone with a staff profile, by user id."""
    rows = StaffProfile.objects.values_list(
        "user_id", "user__first_name", "user__last_name", "user__username", "time_zone", "location"
    )
    return {
        uid: Person(uid, f"{first} {last}".strip() or username, zone, location)
        for uid, first, last, username, zone, location in rows
    }


def user_names(ids: Iterable[int]) -> dict[int, str]:
    users = get_user_model().objects.filter(pk__in=set(ids))
    return {
        u.pk: f"{u.first_name} {u.last_name}".strip() or u.get_username()
        for u in users.only("first_name", "last_name", "username")
    }


def ticket_refs(ids: Iterable[int]) -> dict[int, tuple[TicketBrief, str, str]]:
    """Ticket id -> (reference, status, cause)."""
    rows = Ticket.objects.filter(pk__in=set(ids)).values_list(
        "id",
        "subject",
        "account__name",
        "account__tier",
        "assignee__first_name",
        "assignee__last_name",
        "assignee__username",
        "status",
        "cause",
    )
    refs = {}
    for i, subject, account, tier, first, last, username, status, cause in rows:
        assignee = f"{first or ''} {last or ''}".strip() or (username or "")
        refs[i] = (
            TicketBrief(i, subject, account or "", tier or NO_ACCOUNT, assignee),
            status,
            cause,
        )
    return refs
