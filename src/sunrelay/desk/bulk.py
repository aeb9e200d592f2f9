"""Customer messages written two ways behind one interface (open_ticket, add_message,
write): LiveWriter, one at a time through desk.services (live mail), and
CustomerMail, in bulk for imports: the rows create_ticket and receive_customer_message write
(built by the same functions, under the same rules), saved with a few inserts per batch
instead of a handful of queries per message.

One thing differs from the one-message services, on purpose: the event rows go in as
plain tuples, and the apps above the desk learn of them through one
desk.signals.events_written per batch instead of a ticket_changed per message (the SLA app
leaves the clocks of these tickets to its worker; paging still looks at every message).

Call inside a transaction; tickets passed to add_message must be locked by the caller
(select_for_update) when other writers may touch them.
"""

from __future__ import annotations

from datetime import datetime

from sunrelay.accounts.models import Contact
from sunrelay.desk import services
from sunrelay.desk.models import Message, Ticket, TicketEvent
from sunrelay.desk.services import NewTicket
from sunrelay.desk.signals import events_written
from sunrelay.lib.fastinsert import insert_rows, json_value, update_rows

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


class LiveWriter:
    """Each message at once, through the services (their signals, SLA and paging included)."""

    def __bool__(self) -> bool:
        return False  # nothing ever waits to be written

    def open_ticket(self, new: NewTicket) -> tuple[Ticket, Message]:
        opened = services.create_ticket(new, actor=None)
        return opened.ticket, opened.message

    def add_message(
        self, ticket: Ticket, contact: Contact, body: str, html: str, at: datetime
    ) -> Message:
        return services.receive_customer_message(ticket, contact, body, html, at=at)

    def write(self) -> None:
        pass


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

    def open_ticket(self, new: NewTicket) -> tuple[Ticket, Message]:
        """A ticket the customer opened. Returned unsaved: their ids come with write()."""
        ticket, message, event = services.opening_rows(new, actor=None, at=new.at)
        self._tickets.append(ticket)
        self._ccs.extend((ticket, c) for c in new.ccs if c is not new.requester)
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
            # Assigning the object (not the id) sets the id and keeps the cached ticket.
            event.ticket = event.ticket
        insert_rows(TicketEvent, EVENT_FIELDS, [_event_row(e) for e in self._events])
        update_rows(
            Ticket,
            ["status", "solved_at", "updated_at"],
            [(t.status, t.solved_at, t.updated_at, t.pk) for t in self._changed.values()],
        )
        events_written.send(sender=TicketEvent, events=self._events)
        self.__init__()
