"""Closing the loop: when a theme ships, every contact behind it may be told.

Shipping drafts the notice from the template below; a lead reads it (and may edit it), sees who
will receive it, and sends it: one e-mail per contact through the outbox (mail.notify), queued
in the same transaction. A notice is sent once; contacts without a mailable address are left
out and counted."""

from __future__ import annotations

from string import Template

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sunrelay.accounts.models import Contact
from sunrelay.feedback import access
from sunrelay.feedback.models import NoticeState, ShippedNotice, Theme, ThemeStatus
from sunrelay.lib.mailable import is_mailable
from sunrelay.mail.models import OutboxKind
from sunrelay.mail.notify import enqueue_mail

SUBJECT = "Shipped: $theme"
BODY = """Hello $name,

You told us about this: "$quote"

We have shipped it: $theme. $description
Thank you for telling us; it helped us decide what to build.

The support team
"""
# The placeholders a reviewer may use in the subject and body.
PLACEHOLDERS = ("$name", "$quote", "$theme", "$description")


def draft(theme: Theme) -> ShippedNotice:
    """The theme's notice from the template, unless one was already sent."""
    notice, made = ShippedNotice.objects.get_or_create(
        theme=theme,
        defaults={"subject": SUBJECT, "body": BODY, "drafted_at": timezone.now()},
    )
    return notice


def recipients(theme: Theme) -> list[tuple[Contact, str]]:
    """Each contact behind the theme once, with the first words they gave (oldest item)."""
    found: dict[int, tuple[Contact, str]] = {}
    items = theme.items.filter(contact__isnull=False).select_related("contact")
    for item in items.order_by("created_at", "id"):
        found.setdefault(item.contact_id, (item.contact, item.quote))
    return list(found.values())


def render(text: str, theme: Theme, contact: Contact, quote: str) -> str:
    short = quote if len(quote) <= 300 else quote[:297] + "..."
    values = {
        "name": contact.name or contact.email,
        "quote": " ".join(short.split()),
        "theme": theme.name,
        "description": theme.description,
    }
    return Template(text).safe_substitute(values)


def send(user, notice: ShippedNotice, *, subject: str, body: str) -> int:
    """Review done: queue the notice for every mailable contact; the number queued."""
    access.check_lead(user)
    subject, body = subject.strip(), body.strip()
    if not subject or not body:
        raise ValidationError("The notice needs a subject and a body.")
    with transaction.atomic():
        notice = ShippedNotice.objects.select_for_update().select_related("theme").get(pk=notice.pk)
        if notice.state == NoticeState.SENT:
            raise ValidationError("This notice was already sent.")
        if notice.theme.status != ThemeStatus.SHIPPED:
            raise ValidationError("Only the notice of a shipped theme is sent.")
        sent = []
        for contact, quote in recipients(notice.theme):
            if not is_mailable(contact.email):
                continue
            queued = enqueue_mail(
                OutboxKind.NOTICE,
                [contact.email],
                render(subject, notice.theme, contact, quote),
                render(body, notice.theme, contact, quote) + "\n",
            )
            if queued is not None:
                sent.append(contact.email)
        notice.subject, notice.body = subject, body
        notice.state, notice.reviewed_by, notice.sent_at = NoticeState.SENT, user, timezone.now()
        notice.recipients = sent
        notice.save()
    return len(sent)
