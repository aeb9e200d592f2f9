"""Telling a person's customers that they are away, and who looks after them meanwhile."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sunrelay.accounts.models import Contact
from sunrelay.desk import left_behind
from sunrelay.lib.formatting import day_span, person
from sunrelay.mail.models import OutboxKind
from sunrelay.mail.notify import enqueue_mail
from sunrelay.team.models import StaffProfile, TimeOff
from sunrelay.team.services import check_can_plan, local_today

NOTICE_TEXT = """Hello {name},

{person} from our team is away from {first} to {last} ({zone} dates).
While they are away, {cover} looks after your account and your open requests.
Write to us as usual: nothing you send is left waiting for their return.

{signature}
"""


@transaction.atomic
def tell_customers(actor, time_off: TimeOff, now: datetime | None = None) -> int:
    """E-mail the people who would miss the person: contacts of the accounts they look after
    as customer engineer, and requesters of their open tickets. Once per time off; returns
    how many e-mails were queued."""
    check_can_plan(actor, time_off.user)
    time_off = TimeOff.objects.select_for_update().get(pk=time_off.pk)
    if time_off.customers_told_at is not None:
        raise ValidationError("Their customers were already told.")
    if time_off.last_day < local_today(time_off.user, now):
        raise ValidationError("This time off is over.")
    user_id = time_off.user_id
    covers = {c.account_id: c.cover for c in time_off.coverage.select_related("cover")}
    rest = covers.get(None)
    contacts: dict[str, tuple[str, object]] = {}
    looked_after = Contact.objects.filter(account__in=left_behind.accounts_looked_after(user_id))
    for contact in looked_after:
        contacts.setdefault(
            contact.email.lower(), (contact.name, covers.get(contact.account_id) or rest)
        )
    for ticket in left_behind.open_tickets(user_id).select_related("requester"):
        contact = ticket.requester
        contacts.setdefault(
            contact.email.lower(), (contact.name, covers.get(ticket.account_id) or rest)
        )
    zone = StaffProfile.objects.get(user_id=user_id).time_zone
    queued = 0
    for email, (name, cover) in sorted(contacts.items()):
        text = NOTICE_TEXT.format(
            name=name or "there",
            person=person(time_off.user),
            first=time_off.first_day.strftime("%A %-d %B"),
            last=time_off.last_day.strftime("%A %-d %B %Y"),
            zone=zone,
            cover=person(cover) if cover else "the rest of our support team",
            signature=settings.MAIL_SUPPORT_NAME,
        )
        subject = (
            f"{person(time_off.user)} is away {day_span(time_off.first_day, time_off.last_day)}"
        )
        if enqueue_mail(OutboxKind.NOTICE, [email], subject, text) is not None:
            queued += 1
    time_off.customers_told_at = now or timezone.now()
    time_off.save(update_fields=["customers_told_at"])
    return queued
