"""Opening a ticket on a customer's behalf (a phone call, a word at a conference): staff
name the customer by e-mail address, and a new one becomes a contact on the way."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from sunrelay.accounts.models import Contact
from sunrelay.accounts.services import contact_for_email
from sunrelay.desk.permissions import check_can_work
from sunrelay.desk.services.opening import NewTicket, Opened, create_ticket


def contact_by_email(actor, email: str, field: str, *, name: str = "") -> Contact:
    """The contact writing from `email` (any case), created with `name` if unknown (joining
    the account of its domain). A refused address is an error on `field`."""
    email = (email or "").strip()
    if not email:
        raise ValidationError({field: "Give the customer's e-mail address."})
    try:
        return contact_for_email(email, actor=actor, name=name)
    except ValidationError as exc:
        raise ValidationError({field: f"{email}: {' '.join(exc.messages)}"}) from None


@transaction.atomic
def open_on_behalf(
    actor,
    *,
    requester_email: str,
    requester_name: str = "",
    cc_emails: Iterable[str] = (),
    **fields: Any,
) -> Opened:
    """Open a ticket for the customer at `requester_email`; `fields` are NewTicket's (subject,
    body: the customer's request in the agent's words, channel, priority, level, assignee).
    Unknown addresses, the requester's and the CCs', become contacts; refused, no contact is
    left behind."""
    check_can_work(actor)
    requester = contact_by_email(actor, requester_email, "requester_email", name=requester_name)
    ccs = [contact_by_email(actor, email, "cc_emails") for email in cc_emails]
    return create_ticket(NewTicket(requester=requester, ccs=ccs, **fields), actor=actor)
