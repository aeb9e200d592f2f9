"""The filters of a search (`tier:enterprise status:open …`) applied to a ticket queryset.

Values are checked here against the desk's own choices; a wrong one is a QueryError in words.
Dates are days in the searcher's time zone (the active one).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone

from sunrelay.accounts.models import Contact, Tier
from sunrelay.desk.models import UNSOLVED_STATUSES, Channel, Level, Message, Priority, Status
from sunrelay.mail.models import Attachment
from sunrelay.search.query import FILTERS, QueryError
from sunrelay.sla.clock import State
from sunrelay.sla.models import TicketSla

# "breached": any target missed, now or earlier in the ticket's life; the others: as the clock
# stands now.
SLA_STATES = {
    "breached": Q(breached_at__isnull=False),
    "warning": Q(state=State.WARNING.value),
    "paused": Q(state=State.PAUSED.value),
    "met": Q(state=State.MET.value),
}


def _choice(name: str, value: str, choices) -> str:
    if value not in choices.values:
        raise QueryError(f"{name}:{value} is not known; {name}: takes {FILTERS[name]}.")
    return value


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_current_timezone())


def apply(qs: QuerySet, filters: dict, user) -> QuerySet:
    """`qs` narrowed by every filter; raises QueryError for a value that means nothing."""
    for name, value in filters.items():
        qs = FILTER_FUNCTIONS[name](qs, value, user)
    return qs


def _tier(qs, value, user):
    if value == "none":  # tickets without an account (the reports' "No account" tier)
        return qs.filter(account__isnull=True)
    return qs.filter(account__tier=_choice("tier", value, Tier))


def _status(qs, value, user):
    if value == "unsolved":
        return qs.filter(status__in=UNSOLVED_STATUSES)
    if value == "any":
        return qs
    return qs.filter(status=_choice("status", value, Status))


def _assignee(qs, value, user):
    if value.lower() == "me":
        return qs.filter(assignee=user)
    if value.lower() == "none":
        return qs.filter(assignee__isnull=True)
    person = get_user_model().objects.filter(username__iexact=value).first()
    if person is None:
        raise QueryError(f"Nobody is called {value!r}: assignee: takes {FILTERS['assignee']}.")
    return qs.filter(assignee=person)


def _from(qs, value, user):
    # From the address (its contact's lower-case index) to its messages' tickets: testing
    # every ticket for a message from it took a scan of the whole history (0.1 s at 100,000
    # tickets for a customer with a few dozen).
    contact = Contact.objects.annotate(address=Lower("email")).filter(address=value.lower())
    wrote = Message.objects.filter(author_contact__in=contact.values("pk")).values("ticket_id")
    return qs.filter(pk__in=wrote)


def _has(qs, value, user):
    if value == "attachment":
        files = Attachment.objects.filter(message__ticket=OuterRef("pk"))
        return qs.filter(Exists(files))
    if value == "bug":
        return qs.exclude(bug_url="")
    raise QueryError(f"has:{value} is not known; has: takes {FILTERS['has']}.")


def _sla(qs, value, user):
    if value not in SLA_STATES:
        raise QueryError(f"sla:{value} is not known; sla: takes {FILTERS['sla']}.")
    rows = TicketSla.objects.filter(SLA_STATES[value], ticket=OuterRef("pk"))
    return qs.filter(Exists(rows))


FILTER_FUNCTIONS = {
    "tier": _tier,
    "status": _status,
    "priority": lambda qs, v, u: qs.filter(priority=_choice("priority", v, Priority)),
    "level": lambda qs, v, u: qs.filter(level=_choice("level", v, Level)),
    "channel": lambda qs, v, u: qs.filter(channel=_choice("channel", v, Channel)),
    "assignee": _assignee,
    "account": lambda qs, v, u: qs.filter(account__name__icontains=v),
    "from": _from,
    "tag": lambda qs, v, u: qs.filter(tags__name=v.lower()),
    "has": _has,
    "sla": _sla,
    "before": lambda qs, v, u: qs.filter(created_at__lt=_start_of(v)),
    "after": lambda qs, v, u: qs.filter(created_at__gte=_start_of(v + timedelta(days=1))),
}
