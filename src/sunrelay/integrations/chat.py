"""Chat channels: Slack-compatible incoming-webhook messages for urgent tickets, SLA breaches
and hand-offs, one channel per team (a ticket level) and tier if a lead wants.

A chat channel is a Webhook whose format is "slack": it shares the outgoing webhooks'
durable deliveries, retries and log (integrations.outgoing, integrations.delivery); this
module only says which events a channel may take and what its message says. The message
is Slack's {"text": …} in mrkdwn, escaped as paging's pages are (paging.messages)."""

from __future__ import annotations

from sunrelay.desk.models import TicketEvent
from sunrelay.integrations.models import WebhookEvent
from sunrelay.lib.links import ticket_url
from sunrelay.paging.messages import _slack_escape as escape

# What a chat channel may subscribe to: the events someone must act on now.
CHAT_EVENTS = (
    WebhookEvent.URGENT,
    WebhookEvent.SLA_BREACHED,
    WebhookEvent.SLA_WARNING,
    WebhookEvent.HANDED_OFF,
)

_HEADLINE = {
    WebhookEvent.URGENT: ":rotating_light: *Urgent ticket*",
    WebhookEvent.SLA_BREACHED: ":warning: *SLA breached*",
    WebhookEvent.SLA_WARNING: ":hourglass: *SLA at risk*",
    WebhookEvent.HANDED_OFF: ":handshake: *Handed off*",
}


def _detail(event: TicketEvent, name: str) -> str:
    new = event.new if isinstance(event.new, dict) else {}
    if name in (WebhookEvent.SLA_BREACHED, WebhookEvent.SLA_WARNING) and new.get("metric"):
        return f" ({escape(str(new['metric']).replace('_', ' '))})"
    if name == WebhookEvent.HANDED_OFF and new.get("region"):
        return f" to {escape(str(new['region']))}"
    return ""


def message(event: TicketEvent, name: str) -> dict:
    """The chat message for one event of one ticket."""
    ticket = event.ticket
    account = ticket.account
    who = f"{escape(account.name)} ({account.get_tier_display()})" if account else "No account"
    headline = _HEADLINE.get(name, f"*{escape(WebhookEvent(name).label)}*")
    text = (
        f"{headline}{_detail(event, name)} · "
        f"<{ticket_url(ticket)}|#{ticket.pk} {escape(ticket.subject[:150])}>\n"
        f"{who} · {ticket.get_level_display()} · {ticket.get_priority_display()}"
    )
    return {"text": text, "unfurl_links": False}


def matches(hook, ticket) -> bool:
    """A channel's team (levels) and tier filters; empty means every ticket."""
    if hook.levels and ticket.level not in hook.levels:
        return False
    tier = ticket.account.tier if ticket.account_id else None
    return not hook.tiers or tier in hook.tiers
