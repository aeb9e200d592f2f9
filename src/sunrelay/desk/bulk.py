"""Customer messages in bulk, for mail imports: the rows create_ticket and
receive_customer_message write (built by the same functions, under the same rules), saved
with a few inserts per batch instead of a handful of queries per message.

Two things differ from the one-message services, on purpose:
- SLA deadlines are not computed here: the new tickets have none yet, the changed ones are
  marked stale, and the worker's sla.refresh_stale drain computes them shortly after. One
  recompute per ticket costs more than the whole import of its message.
- Signals: the event rows go in as plain tuples; the reports learn of them through
  desk.signals.events_written.

Call inside a transaction; tickets passed to add_message must be locked by the caller
(select_for_update) when other writers may touch them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sunrelay.accounts.models import Contact
from sunrelay.desk import services
from sunrelay.desk.models import Channel, Message, Ticket, TicketEvent
from sunrelay.desk.signals import events_written
from sunrelay.lib.fastinsert import insert_rows, json_value, update_rows
from sunrelay.sla import services as sla

EVENT_FIELDS = ("ticket", "kind", "at", "actor_contact", "message", "old", "new")


def _event_row(event: TicketEvent) -> tuple:
    # Customers' events: no staff actor. The event rows' own ids are not needed.
    contact, message = event.actor_contact, event.message
    return (
        event.ticket_id,
        event.kind,
        event.at,
        contact.pk if contact else None,
        message.pk if message else None,
        json_value(event.old),
        json_value(event.new),
    )


class CustomerMail:
    """Collects new tickets and customer messages; write() saves them all."""

    def __init__(self) -> None:
        self._contacts: list[Contact] = []
        self._tickets: list[Ticket] = []
        self._ccs: list[tuple[Ticket, Contact]] = []
        self._messages: list[Message] = []
        self._events: list[TicketEvent] = []
        self._changed: dict[int, Ticket] = {}  # existing tickets, by id

    def __bool__(self) -> bool:
        return bool(self._messages or self._contacts)

    def new_contact(self, contact: Contact) -> Contact:
        """A contact to insert with the batch (before the tickets that refer to it)."""
        self._contacts.append(contact)
        return contact

    def open_ticket(
        self,
        *,
        requester: Contact,
        subject: str,
        body: str,
        html: str,
        at: datetime,
        ccs: Iterable[Contact] = (),
        follow_up_of: Ticket | None = None,
    ) -> tuple[Ticket, Message]:
        """A ticket the customer opened by mail. Returned unsaved: their ids come with write()."""
        ticket, message, event = services.opening_rows(
            actor=None,
            requester=requester,
            subject=subject,
            body=body,
            html=html,
            channel=Channel.EMAIL,
            at=at,
            follow_up_of=follow_up_of,
        )
        self._tickets.append(ticket)
        self._ccs.extend((ticket, c) for c in ccs if c is not requester)
        self._messages.append(message)
        self._events.append(event)
        return ticket, message

    def add_message(
        self, ticket: Ticket, contact: Contact, body: str, html: str, at: datetime
    ) -> Message:
        """A customer's message on a ticket, new in this batch or existing."""
        message, events = services.customer_message_rows(ticket, contact, body, html, at)
        if ticket.pk is not None:
            self._changed[ticket.pk] = ticket
        self._messages.append(message)
        self._events.extend(events)
        return message

    def write(self) -> None:
        """Insert everything collected, in foreign-key order, then start afresh."""
        if self._contacts:
            Contact.objects.bulk_create(self._contacts)
        Ticket.objects.bulk_create(self._tickets)
        if self._ccs:
            Ticket.ccs.through.objects.bulk_create(
                [
                    Ticket.ccs.through(ticket_id=t.pk, contact_id=c.pk)
                    for t, c in self._ccs
                    if t.requester_id != c.pk
                ],
                ignore_conflicts=True,
            )
        Message.objects.bulk_create(self._messages)
        for event in self._events:
            event.ticket_id = event.ticket.pk
        insert_rows(TicketEvent, EVENT_FIELDS, [_event_row(e) for e in self._events])
        update_rows(
            Ticket,
            ["status", "solved_at", "updated_at"],
            [(t.status, t.solved_at, t.updated_at, t.pk) for t in self._changed.values()],
        )
        ticket_ids = sorted({m.ticket_id for m in self._messages})
        sla.mark_stale(ticket_ids)
        events_written.send(sender=TicketEvent, events=self._events)
        for message in self._messages:
            services.consider_paging(message.ticket, message)
        self.__init__()
