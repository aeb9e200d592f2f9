"""Contacts put into an account take their open tickets with them."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from sunrelay.accounts.models import Account, Contact
from sunrelay.accounts.services import move_contacts_to_account
from sunrelay.desk.models import UNSOLVED_STATUSES, Ticket
from sunrelay.desk.services.properties import update_ticket


@transaction.atomic
def place_contacts(
    actor, account: Account, *, domain: str = "", contacts: Iterable[Contact] = ()
) -> tuple[int, int]:
    """accounts.services.move_contacts_to_account, then the moved contacts' unsolved tickets
    without an account follow, each through update_ticket (an event, the SLA of the
    account's tier). Returns the numbers of contacts and tickets moved."""
    moved = move_contacts_to_account(actor, account, domain=domain, contacts=contacts)
    tickets = Ticket.objects.filter(
        requester_id__in=moved, account__isnull=True, status__in=UNSOLVED_STATUSES
    )
    count = 0
    for ticket in tickets:
        update_ticket(ticket, actor, account=account)
        count += 1
    return len(moved), count
