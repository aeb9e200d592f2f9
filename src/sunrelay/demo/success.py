"""The demo's customer engineering: one account handed from the busiest customer engineer to
the least busy (the team's history shows it), context notes from CEs on open tickets of their
accounts (strategic first), and three support requests to Marta, the lead: one new, one accepted,
one done; a contact cadence on two accounts (one overdue) and notes of last week's office
hours. Written through success's services; created once (each skipped when it exists)."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from django.contrib.auth.models import User

from sunrelay.accounts.models import Account
from sunrelay.desk.models import UNSOLVED_STATUSES, Ticket
from sunrelay.success import cadence, forms_to_support, rituals, teams
from sunrelay.success.models import Cadence, ContextNote, MeetingNote, SupportRequest, TeamChange

LEAD = "marta"
BACKGROUND = (
    "They are moving their whole basemap pipeline to us this quarter; the tiles at high zoom "
    "are what their field teams look at all day. Their admin is a beginner: screenshots help.",
    "This is their second try at the API: the first one stalled on auth. Their CTO follows "
    "this ticket, and the renewal conversation starts next month.",
    "They asked in our shared channel first; the thread has a sample file and the exact steps.",
)
REQUESTS = (
    ("Give this bug to the Response Team this sprint.", "Renewal in three weeks.", None, ""),
    (
        "Someone in their time zone on the next two weeks of rollout calls.",
        "Their rollout to 400 users starts Monday.",
        "accepted",
        "Yes: Priya takes the New York mornings for two weeks.",
    ),
    (
        "A written summary of last month's outage for their security review.",
        "Their security team blocks the renewal without it.",
        "done",
        "Sent on Tuesday; the incident report is linked in the ticket.",
    ),
)


def load_success(anchor, created: Counter) -> None:
    lead = User.objects.filter(username=LEAD).first()
    if lead is None:
        return
    _hand_over(lead, anchor, created)
    tickets = _open_tickets_of_ce_accounts(len(BACKGROUND))
    for ticket, background in zip(tickets, BACKGROUND, strict=False):
        if ContextNote.objects.filter(background=background).exists():
            continue
        forms_to_support.add_context(
            ticket.account.ce,
            ticket=ticket,
            customer_name=ticket.account.name,
            issue_link=f"#{ticket.pk}",
            background=background,
            at=anchor - timedelta(days=2),
        )
        created["context notes"] += 1
    for index, (ticket, (ask, why, status, answer)) in enumerate(
        zip(tickets, REQUESTS, strict=False)
    ):
        if SupportRequest.objects.filter(ask=ask).exists():
            continue
        at = anchor - timedelta(days=6 - 2 * index)
        row = forms_to_support.file_request(
            ticket.account.ce,
            ticket=ticket,
            customer_name=ticket.account.name,
            issue_link=f"#{ticket.pk}",
            ask=ask,
            why=why,
            if_not="The account's renewal is at risk.",
            timing="Before their renewal date." if index == 0 else "",
            at=at,
        )
        if status:
            forms_to_support.decide(
                row, lead, status=status, answer=answer, at=at + timedelta(hours=5), tell=False
            )
        created["support requests"] += 1
    _cadences_and_notes(lead, tickets, anchor, created)


def _cadences_and_notes(lead, tickets: list[Ticket], anchor, created: Counter) -> None:
    """The first account's CE was last in touch three weeks ago (overdue on a two-week
    cadence); the second's touched base last week; last week's office hours have notes."""
    for ticket, days_ago in zip(tickets, (21, 6), strict=False):
        account = ticket.account
        if Cadence.objects.filter(account=account).exists():
            continue
        cadence.set_cadence(account, account.ce, every_days=14, next_touch=None)
        cadence.record_touch(account, account.ce, (anchor - timedelta(days=days_ago)).date())
        created["contact cadences"] += 1
    if not MeetingNote.objects.exists():
        rituals.save_notes(
            "office_hours",
            lead,
            (anchor - timedelta(days=7)).date(),
            "Agreed to take the oldest breached enterprise ticket first; Priya follows up "
            "with the customer on Thursday.",
        )
        created["meeting notes"] += 1


def _open_tickets_of_ce_accounts(count: int) -> list[Ticket]:
    """Open tickets of `count` different accounts with a CE, strategic and largest first."""
    found = (
        Ticket.objects.filter(status__in=UNSOLVED_STATUSES, account__ce__isnull=False)
        .select_related("account__ce")
        .order_by("-account__strategic", "-account__mrr", "id")
    )
    chosen: dict[int, Ticket] = {}
    for ticket in found.iterator():
        chosen.setdefault(ticket.account_id, ticket)
        if len(chosen) == count:
            break
    return list(chosen.values())


def _hand_over(lead, anchor, created: Counter) -> None:
    """The busiest CE's smallest non-strategic account goes to the least busy one."""
    if TeamChange.objects.exists():
        return
    books = Counter(
        Account.objects.filter(ce__isnull=False).values_list("ce", flat=True).order_by()
    )
    if len(books) < 2:
        return
    busiest, least = books.most_common()[0][0], books.most_common()[-1][0]
    account = Account.objects.filter(ce=busiest, strategic=False).order_by("mrr", "id").first()
    if account is None:
        return
    teams.pair(
        account,
        lead,
        ae=account.ae,
        ce=User.objects.get(pk=least),
        reason="Rebalancing: the busiest customer engineer hands over a smaller account.",
        at=anchor - timedelta(days=14),
    )
    created["team changes"] += 1
