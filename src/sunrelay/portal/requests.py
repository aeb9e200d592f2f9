"""What a contact does with tickets, in the portal and through their API: open one, write on
one, with files. The desk's rules apply (desk.services); files are stored as mail stores them
(mail.attachments) within the same limit per message as mail (mail.replies).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from sunrelay.accounts.models import Contact
from sunrelay.desk import services
from sunrelay.desk.models import Channel, Message, Priority, ProductArea, Status, Ticket
from sunrelay.mail.attachments import add_attachment
from sunrelay.mail.replies import NewFile, check_attachment_size
from sunrelay.portal.access import portal_tickets
from sunrelay.portal.models import Urgency

# At most this many files with one message, as the staff API allows.
MAX_FILES = 20
# How the customer's urgency becomes the ticket's priority.

PRIORITY_OF = {
    Urgency.QUESTION: Priority.LOW,
    Urgency.NOT_WORKING: Priority.NORMAL,
    Urgency.BLOCKED: Priority.HIGH,
    Urgency.DOWN: Priority.URGENT,
}


@dataclass(frozen=True)
class NewRequest:
    """A request as the customer writes it (web form, contacts' API)."""

    subject: str
    body: str
    urgency: str = Urgency.NOT_WORKING
    area: ProductArea | None = None
    files: Sequence[NewFile] = field(default_factory=list)

    @property
    def priority(self) -> str:
        if self.urgency not in Urgency.values:
            raise ValidationError(
                {"urgency": f"{self.urgency!r} is not one of: {', '.join(Urgency.values)}."}
            )
        return PRIORITY_OF[Urgency(self.urgency)]

    @property
    def tags(self) -> list[str]:
        # The ticket has no product-area field: the area's slug tags it, so queues, search
        # (tag:maps) and reports can tell the areas apart.
        return [self.area.slug] if self.area is not None else []


def check_files(files: Sequence[NewFile]) -> None:
    if len(files) > MAX_FILES:
        raise ValidationError({"attachments": f"At most {MAX_FILES} files go with a message."})
    check_attachment_size([len(f.data) for f in files])


@transaction.atomic
def open_ticket(contact: Contact, new: NewRequest, *, channel: str = Channel.WEB) -> Ticket:
    """Open a ticket for `contact` with their first message and its files; all or nothing."""
    check_files(new.files)
    opened = services.create_ticket(
        services.NewTicket(
            requester=contact,
            subject=new.subject,
            body=new.body,
            channel=channel,
            priority=new.priority,
            tags=new.tags,
        ),
        actor=None,
    )
    for f in new.files:
        add_attachment(opened.message, f.name, f.content_type, f.data)
    return opened.ticket


@transaction.atomic
def write(contact: Contact, ticket: Ticket, body: str, files: Sequence[NewFile] = ()) -> Message:
    """The contact writes on one of their tickets (it opens again when pending or solved);
    the message and its files commit together."""
    if not portal_tickets(contact).filter(pk=ticket.pk).exists():
        raise PermissionDenied("This is not one of your tickets.")
    if ticket.status == Status.CLOSED:
        raise ValidationError(
            {"body": f"Ticket #{ticket.pk} is closed. Send a new request and mention it."}
        )
    check_files(files)
    message = services.receive_customer_message(ticket, contact, body)
    for f in files:
        add_attachment(message, f.name, f.content_type, f.data)
    return message
