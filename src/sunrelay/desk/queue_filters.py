"""The filters of a queue (and of the API's ticket list), each a condition on tickets.

The desk's own filters are here; apps above the desk add theirs with register_filter() when
they are ready (sla adds the SLA state). The queue page and the API call the same functions,
so a filter means the same in both. Values arrive cleaned (the queue's form, the API's
schema); an empty value is no filter.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from sunrelay.desk.models import unsolved

TICKET_NUMBER = re.compile(r"^#?(\d{1,12})$")

# "Has a bug link": the queue's words for it, and the API's booleans.
BUG_LINK_CHOICES = [("yes", "Has a bug link"), ("no", "No bug link")]


@dataclass(frozen=True)
class Filter:
    """A filter an app adds: `apply(queryset, value, user)` narrows the tickets to `value`,
    one of `choices` (value, label)."""

    key: str
    label: str
    choices: Sequence[tuple[str, str]]
    apply: Callable[[QuerySet, str, Any], QuerySet]


REGISTERED: dict[str, Filter] = {}


def register_filter(
    key: str, label: str, choices: Sequence[tuple[str, str]], apply: Callable
) -> None:
    """Offer another filter on the queues (from an app's ready()); again replaces it."""
    REGISTERED[key] = Filter(key, label, list(choices), apply)


def by_person(qs: QuerySet, field: str, value: str | int, user) -> QuerySet:
    """`field` ("assignee", "account__ae", "account__ce") is `value`: "me", "none" or a
    user id."""
    if value == "me":
        return qs.filter(**{field: user})
    if value == "none":
        return qs.filter(**{f"{field}__isnull": True})
    return qs.filter(**{f"{field}_id": int(value)})


def by_bug_link(qs: QuerySet, has_one: bool) -> QuerySet:
    return qs.exclude(bug_url="") if has_one else qs.filter(bug_url="")


def by_status(qs: QuerySet, status: str) -> QuerySet:
    """A status, "unsolved" (any of them) or "any"."""
    if status == "unsolved":
        return qs.filter(unsolved())
    if status == "any":
        return qs
    return qs.filter(status=status)


def by_text(qs: QuerySet, text: str) -> QuerySet:
    """Words in the subject, or a ticket's number ("#123" or "123")."""
    match = Q(subject__icontains=text)
    number = TICKET_NUMBER.match(text)
    if number:
        match |= Q(pk=int(number.group(1)))
    return qs.filter(match)


# Filters that compare one field with the value as it is.
EQUALS = {
    "priority": "priority",
    "level": "level",
    "tier": "account__tier",
    "channel": "channel",
    "skill": "requester__skill",
    "tag": "tags__name",
}
PEOPLE = {"assignee": "assignee", "ae": "account__ae", "ce": "account__ce"}


# The queue page's filter parameters (the fields of its form); apps' registered filters and
# the sort come after them (filter_keys()).
DESK_FILTERS = (
    "q", "status", "priority", "level", "tier", "assignee", "tag",
    "channel", "skill", "ae", "ce", "bug",
)  # fmt: skip


def filter_keys() -> tuple[str, ...]:
    """Every query parameter a queue page (and a saved view) takes."""
    return (*DESK_FILTERS, *REGISTERED, "sort")


def apply_filters(qs: QuerySet, user, filters: dict[str, Any]) -> QuerySet:
    """`filters` holds cleaned values of the queue's filter form; empty ones are ignored."""
    qs = by_status(qs, filters.get("status") or "unsolved")
    for key, field in EQUALS.items():
        if filters.get(key):
            qs = qs.filter(**{field: filters[key]})
    for key, field in PEOPLE.items():
        if filters.get(key):
            qs = by_person(qs, field, filters[key], user)
    if filters.get("bug"):
        qs = by_bug_link(qs, filters["bug"] == "yes")
    for key, extra in REGISTERED.items():
        if filters.get(key):
            qs = extra.apply(qs, filters[key], user)
    text = (filters.get("q") or "").strip()
    if text:
        qs = by_text(qs, text)
    return qs
