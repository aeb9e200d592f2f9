"""Who may see and change tickets, and the mail around them.

Staff in a working role see and work every ticket; sales read the tickets of the accounts
they are account executive of, and may leave an internal note on them (a request to support),
nothing more; everybody else sees nothing. The e-mail channel's own pages
(held mail, the outbox, contacts without an account) hold mail of every account and of
none: they are for the people who work tickets (support staff and leads) only.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from sunrelay.accounts.permissions import visible_accounts, visible_through_account
from sunrelay.desk.models import Ticket
from sunrelay.team.models import Role
from sunrelay.team.roles import roles_of, works_tickets


def visible_tickets(user, queryset=None):
    queryset = Ticket.objects.all() if queryset is None else queryset
    return visible_through_account(user, queryset, "account__")


def _is_their_account(user, ticket: Ticket) -> bool:
    """Sales: the ticket belongs to an account they are account executive of."""
    return (
        Role.SALES in roles_of(user)
        and ticket.account is not None
        and ticket.account.ae_id == user.pk
    )


def can_view_ticket(user, ticket: Ticket) -> bool:
    return works_tickets(user) or _is_their_account(user, ticket)


def can_work_ticket(user, ticket: Ticket | None = None) -> bool:
    return works_tickets(user)


def check_can_work(user, ticket: Ticket | None = None) -> None:
    if not can_work_ticket(user, ticket):
        raise PermissionDenied("Only support staff can change tickets.")


def can_note_ticket(user, ticket: Ticket) -> bool:
    """An internal note: everyone who works tickets; sales on their own accounts' tickets (a
    request to support: a note changes nothing else). The ticket page, the API and
    desk.services all ask this."""
    return can_work_ticket(user, ticket) or _is_their_account(user, ticket)


def check_can_note(user, ticket: Ticket) -> None:
    if not can_note_ticket(user, ticket):
        raise PermissionDenied(
            "Only support staff, and sales on their own accounts' tickets, can add notes."
        )


def can_view_mail_channel(user) -> bool:
    """The quarantine, the outbox and the contacts without an account: people who work
    tickets only (sales would see every account's mail there)."""
    return works_tickets(user)


def can_view_raw_mail(user, ticket: Ticket | None) -> bool:
    """The raw source of an inbound message follows its ticket; mail without one (held,
    discarded, or its ticket gone) follows can_view_mail_channel()."""
    if ticket is None:
        return can_view_mail_channel(user)
    return can_view_ticket(user, ticket)


def visible_coverage(user, queryset):
    """Rows of time-off coverage plans (team.Coverage) the person may see: every row for
    people who work tickets; for anyone else the rows naming no account or ticket (who
    covers the rest) and those of the accounts and tickets they may see."""
    if works_tickets(user):
        return queryset
    return queryset.filter(
        Q(account__isnull=True) | Q(account__in=visible_accounts(user)),
        Q(ticket__isnull=True) | Q(ticket__in=visible_tickets(user)),
    )
