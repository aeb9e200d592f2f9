"""Changing who is copied (CC) on a ticket's replies.

The requester is never a CC of their own ticket (they get every reply already). CCs kept keep
their place: replies copy the first SUNRELAY_MAX_CC in the order they were recorded
(mail.outbox). A closed ticket refuses the change like any other.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sunrelay.accounts.models import Contact
from sunrelay.desk import lifecycle
from sunrelay.desk.models import EventKind, Ticket, TicketEvent
from sunrelay.desk.services.events import changed, check_actor, record
from sunrelay.desk.services.on_behalf import contact_by_email
from sunrelay.desk.services.properties import locked, refresh


def cc_contacts(ticket: Ticket) -> list[Contact]:
    """The ticket's CCs in the order they were recorded (the order replies copy them in)."""
    links = Ticket.ccs.through.objects.filter(ticket=ticket).select_related("contact")
    return [link.contact for link in links.order_by("id")]


@transaction.atomic
def set_ccs(
    ticket: Ticket, actor, contacts: Iterable[Contact], *, at: datetime | None = None
) -> TicketEvent | None:
    """Make `contacts` the ticket's CCs; one `ccs` event with the addresses before and after
    (None when nothing changed)."""
    check_actor(actor, ticket)
    row = locked(ticket)
    lifecycle.check_not_closed(row.status)
    wanted: list[Contact] = []
    for contact in contacts:
        if contact.pk == row.requester_id:
            raise ValidationError(
                {"cc_emails": f"{contact.email} asked for this ticket: they get every reply."}
            )
        if all(contact.pk != c.pk for c in wanted):
            wanted.append(contact)
    before = cc_contacts(row)
    keep = {c.pk for c in wanted}
    gone = [c for c in before if c.pk not in keep]
    added = [c for c in wanted if c.pk not in {b.pk for b in before}]
    if not gone and not added:
        return None
    now = at or timezone.now()
    row.ccs.remove(*gone)
    row.ccs.add(*added)  # after the ones kept: their place in the copy order stays
    event = record(
        row,
        EventKind.CCS,
        at=now,
        actor=actor,
        old=[c.email for c in before],
        new=[c.email for c in before if c.pk in keep] + [c.email for c in added],
    )
    row.updated_at = now
    row.save(update_fields=["updated_at"])
    changed(row, [event], now)
    refresh(ticket, row)
    return event


def split_addresses(text: str) -> list[str]:
    """E-mail addresses typed in one field: separated by commas, semicolons or spaces."""
    return [part for part in text.replace(";", ",").replace(",", " ").split() if part]


@transaction.atomic
def set_cc_emails(
    ticket: Ticket, actor, emails: Iterable[str], *, at: datetime | None = None
) -> TicketEvent | None:
    """set_ccs by e-mail address: unknown addresses become contacts (joining the account of
    their domain); refused, no contact is left behind."""
    check_actor(actor, ticket)
    contacts = []
    errors = []
    for email in emails:
        try:
            contacts.append(contact_by_email(actor, email, "cc_emails"))
        except ValidationError as exc:
            errors.extend(exc.message_dict["cc_emails"])
    if errors:
        raise ValidationError({"cc_emails": errors})
    return set_ccs(ticket, actor, contacts, at=at)
