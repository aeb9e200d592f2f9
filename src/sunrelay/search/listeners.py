"""The index follows the desk: a change through the services rewrites the ticket's document
at once, in the change's transaction; bulk imports leave theirs to the worker."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from sunrelay.accounts.models import Account, AccountDomain, Contact
from sunrelay.desk.models import EventKind, TicketEvent
from sunrelay.desk.signals import events_written, ticket_changed
from sunrelay.mail.models import Attachment
from sunrelay.search import documents

# Events that change the text of a ticket's document.
TEXT_KINDS = frozenset(
    {
        EventKind.CREATED,
        EventKind.RECEIVED,
        EventKind.REPLIED,
        EventKind.NOTED,
        EventKind.SUBJECT,
        EventKind.ACCOUNT,
        EventKind.AUTO_REPLY,
        EventKind.BOUNCED,
        EventKind.MERGED_INTO,
        EventKind.MERGED_FROM,
        EventKind.SPLIT_OFF,
        EventKind.SPLIT_FROM,
    }
)


@receiver(ticket_changed, dispatch_uid="search.ticket_changed")
def _ticket_changed(sender, ticket, events: list[TicketEvent], **kwargs) -> None:
    if any(e.kind in TEXT_KINDS for e in events):
        documents.refresh_tickets([ticket.pk])


@receiver(events_written, dispatch_uid="search.events_written")
def _events_written(sender, events: list[TicketEvent], **kwargs) -> None:
    documents.mark_stale({e.ticket_id for e in events if e.kind in TEXT_KINDS})


@receiver(post_save, sender=Attachment, dispatch_uid="search.attachment")
def _attachment_saved(sender, instance: Attachment, created: bool, raw=False, **kwargs) -> None:
    if created and not raw:
        documents.refresh_tickets([instance.message.ticket_id])


@receiver(post_save, sender=Contact, dispatch_uid="search.contact")
@receiver(post_delete, sender=Contact, dispatch_uid="search.contact_gone")
def _contact_changed(sender, instance: Contact, raw=False, created=False, **kwargs) -> None:
    if not raw:
        documents.refresh_documents(documents.CONTACT, [instance.pk])
        if not created:  # the requester's name and address are in their tickets' documents
            documents.mark_stale(requester_id=instance.pk)


@receiver(post_save, sender=Account, dispatch_uid="search.account")
@receiver(post_delete, sender=Account, dispatch_uid="search.account_gone")
def _account_changed(sender, instance: Account, raw=False, created=False, **kwargs) -> None:
    if not raw:
        documents.refresh_documents(documents.ACCOUNT, [instance.pk])
        if not created:  # the account's name is in its tickets' documents
            documents.mark_stale(account_id=instance.pk)


@receiver(post_save, sender=AccountDomain, dispatch_uid="search.domain")
@receiver(post_delete, sender=AccountDomain, dispatch_uid="search.domain_gone")
def _domain_changed(sender, instance: AccountDomain, raw=False, **kwargs) -> None:
    if not raw:
        documents.refresh_documents(documents.ACCOUNT, [instance.account_id])
