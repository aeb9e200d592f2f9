"""The survey's e-mail: "How did we do?" with a Good and a Bad link, through the outbox,
in the ticket's conversation (mail.notify, threaded), in the tone of our other mail."""

from __future__ import annotations

from django.conf import settings
from django.utils.html import format_html

from sunrelay.csat import links
from sunrelay.csat.models import Rating, Survey
from sunrelay.mail import compose
from sunrelay.mail.models import Outbox, OutboxKind
from sunrelay.mail.notify import enqueue_mail
from sunrelay.mail.tags import tag_for


def text(survey: Survey, good: str, bad: str) -> str:
    contact = survey.ticket.requester
    greeting = f"Hello {contact.name}," if contact.name else "Hello,"
    return (
        f"{greeting}\n\n"
        f"How did we do? We solved your ticket {tag_for(survey.ticket_id)}, "
        f'"{survey.ticket.subject}". One click tells us:\n\n'
        f"Good, I got what I needed:\n{good}\n\n"
        f"Bad, this did not help me:\n{bad}\n\n"
        "You can add a comment on the page the link opens, and change your answer there "
        f"for {settings.CSAT_LINK_DAYS} days. If something is still wrong, just reply to "
        "this e-mail: the ticket opens again.\n\n"
        f"{settings.MAIL_SUPPORT_NAME}\n"
    )


def html(survey: Survey, good: str, bad: str) -> str:
    contact = survey.ticket.requester
    return format_html(
        "<p>{greeting}</p>"
        "<p>How did we do? We solved your ticket {tag}, &ldquo;{subject}&rdquo;. "
        "One click tells us:</p>"
        '<p><a href="{good}">Good, I got what I needed</a> &nbsp;·&nbsp; '
        '<a href="{bad}">Bad, this did not help me</a></p>'
        "<p>You can add a comment on the page the link opens, and change your answer there "
        "for {days} days. If something is still wrong, just reply to this e-mail: the "
        "ticket opens again.</p><p>{name}</p>",
        greeting=f"Hello {contact.name}," if contact.name else "Hello,",
        tag=tag_for(survey.ticket_id),
        subject=survey.ticket.subject,
        good=good,
        bad=bad,
        days=settings.CSAT_LINK_DAYS,
        name=settings.MAIL_SUPPORT_NAME,
    )


def enqueue(survey: Survey) -> Outbox | None:
    """Queue the survey's e-mail to the requester alone (never the CCs: they did not ask);
    call inside the solve's transaction."""
    good, bad = links.url(survey.pk, Rating.GOOD), links.url(survey.pk, Rating.BAD)
    return enqueue_mail(
        OutboxKind.NOTICE,
        [survey.ticket.requester.email],
        compose.reply_subject(survey.ticket),
        text(survey, good, bad),
        html=html(survey, good, bad),
        ticket=survey.ticket,
        threaded=True,
    )
