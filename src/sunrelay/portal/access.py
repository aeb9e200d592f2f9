"""What a contact may see: the one home of the portal's visibility rule.

- their own tickets (they are the requester);
- with their account's `portal_shares_tickets` on, every ticket of their account;
- of a ticket, only what desk.visibility calls customer-visible: their messages and our
  public replies, never an internal note, and only the files of those messages.

Tickets they are merely copied on reach them by e-mail; they are not listed here, since they
may belong to another organisation. The portal pages and the contacts' API both ask here.
"""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from sunrelay.accounts.models import Contact
from sunrelay.desk.models import Message, Ticket
from sunrelay.desk.visibility import CUSTOMER_VISIBLE_KINDS, customer_visible_messages
from sunrelay.mail.models import Attachment


def shares_account_tickets(contact: Contact) -> bool:
    return contact.account_id is not None and contact.account.portal_shares_tickets


def portal_tickets(contact: Contact) -> QuerySet[Ticket]:
    """The tickets `contact` may see in the portal and the contacts' API."""
    mine = Q(requester=contact)
    if shares_account_tickets(contact):
        mine |= Q(account_id=contact.account_id)
    return Ticket.objects.filter(mine)


def thread(ticket: Ticket) -> QuerySet[Message]:
    """The ticket's customer-visible messages, oldest first, with their authors and files
    (the files' bytes left out)."""
    return (
        customer_visible_messages(ticket)
        .select_related("author_user", "author_contact")
        .prefetch_related(Prefetch("mail_attachments", queryset=Attachment.objects.defer("data")))
        .order_by("created_at", "id")
    )


def portal_attachments(contact: Contact) -> QuerySet[Attachment]:
    """Files `contact` may download: those of customer-visible messages on their tickets."""
    return Attachment.objects.filter(
        message__kind__in=CUSTOMER_VISIBLE_KINDS, message__ticket__in=portal_tickets(contact)
    )
