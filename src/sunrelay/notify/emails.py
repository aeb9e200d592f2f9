"""A notification by e-mail: to the staff member alone, through the outbox.

Staff mail may carry what the notification is about (the lines of a note that mention the
person, the first lines of a customer's message): it goes to one colleague's own address,
never to a customer, and never with the rest of an internal note.
"""

from __future__ import annotations

from django.urls import reverse

from sunrelay.lib.formatting import short_subject
from sunrelay.lib.links import absolute, ticket_url
from sunrelay.mail.models import OutboxKind
from sunrelay.mail.notify import enqueue_mail


def send(notification, extra: str = ""):
    """Queue the e-mail of `notification`; None when its person has no address."""
    user = notification.recipient
    if not user.email:
        return None
    ticket = notification.ticket
    subject = f"#{ticket.pk} {short_subject(ticket.subject, 60)}: {notification.text}"
    lines = [notification.text, ""]
    if extra:
        lines += [extra, ""]
    lines += [
        f"#{ticket.pk} {ticket.subject}",
        ticket_url(ticket),
        "",
        "You get this e-mail because you asked for it. Choose how you hear of each kind:",
        absolute(reverse("notify:preferences")),
    ]
    return enqueue_mail(
        OutboxKind.NOTIFICATION, [user.email], subject[:200], "\n".join(lines), ticket=ticket
    )
