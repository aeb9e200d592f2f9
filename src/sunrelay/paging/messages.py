"""What a page says: the e-mail, the chat message and the JSON document of a notification."""

from __future__ import annotations

from datetime import datetime

from django.utils.html import escape

from sunrelay.lib.formatting import person, short_subject
from sunrelay.lib.links import ticket_url
from sunrelay.paging.models import PagingRun, Source


def _headline(run: PagingRun) -> str:
    ticket = run.ticket
    account = ticket.account.name if ticket.account_id else "no account"
    return f"Urgent: #{ticket.pk} {short_subject(ticket.subject)} ({account})"


def email(run: PagingRun, ack_url: str, *, repeat: int) -> tuple[str, str, str]:
    """(subject, text, html) of the page e-mail to one person."""
    ticket = run.ticket
    again = f" (reminder {repeat})" if repeat else ""
    subject = f"[Page{again}] #{ticket.pk} {ticket.subject}"
    lines = [
        _headline(run),
        "",
        f"Why: {run.reason}",
        f"Paged by: {Source(run.source).label}",
        "",
        f"Acknowledge (stops the paging): {ack_url}",
        f"Open the ticket: {ticket_url(ticket)}",
        "",
        "Nobody else is paged once someone acknowledges.",
    ]
    html = (
        f"<p><strong>{escape(_headline(run))}</strong></p>"
        f"<p>Why: {escape(run.reason)}<br>Paged by: {escape(Source(run.source).label)}</p>"
        f'<p><a href="{escape(ack_url)}">Acknowledge</a> (stops the paging) · '
        f'<a href="{escape(ticket_url(ticket))}">Open the ticket</a></p>'
    )
    return subject, "\n".join(lines), html


def assignee_email(run: PagingRun, paged, ack_url: str) -> tuple[str, str]:
    """(subject, text) of the e-mail telling a ticket's assignee that someone else was paged."""
    ticket = run.ticket
    name = person(paged)
    subject = f"[#{ticket.pk}] {name} was paged about your ticket: {ticket.subject}"
    lines = [
        f"{name} was paged about your ticket. {_headline(run)}",
        "",
        f"Why: {run.reason}",
        f"Paged by: {Source(run.source).label}",
        "",
        f"The ticket stays assigned to you. If {name} takes the work over, they assign it to "
        "themselves; if you cannot work it now, hand it off from the ticket page.",
        "",
        f"Acknowledge (stops the paging): {ack_url}",
        f"Open the ticket: {ticket_url(ticket)}",
    ]
    return subject, "\n".join(lines)


def _slack_escape(text: str) -> str:
    # Slack's mrkdwn treats these three as control characters.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def slack(run: PagingRun, ack_url: str, *, repeat: int) -> dict:
    """A Slack-compatible incoming-webhook message."""
    ticket = run.ticket
    again = f" (reminder {repeat})" if repeat else ""
    text = (
        f":rotating_light: *{_slack_escape(_headline(run))}*{again}\n"
        f"Why: {_slack_escape(run.reason)}\n"
        f"<{ack_url}|Acknowledge> · <{ticket_url(ticket)}|Open ticket #{ticket.pk}>"
    )
    return {"text": text, "unfurl_links": False}


def document(run: PagingRun, ack_url: str, *, repeat: int, step: int, at: datetime) -> dict:
    """The generic JSON webhook body."""
    ticket = run.ticket
    return {
        "event": "page",
        "sent_at": at.isoformat(),
        "run": {
            "id": run.pk,
            "policy": run.policy.name,
            "source": run.source,
            "reason": run.reason,
            "step": step,
            "repeat": repeat,
            "acknowledge_url": ack_url,
        },
        "ticket": {
            "id": ticket.pk,
            "subject": ticket.subject,
            "priority": ticket.priority,
            "status": ticket.status,
            "level": ticket.level,
            "account": ticket.account.name if ticket.account_id else None,
            "tier": ticket.account.tier if ticket.account_id else None,
            "url": ticket_url(ticket),
        },
    }
