"""The ticket page's conversation: each message with its body (quote folded away), files,
and how its e-mail fared. A fixed number of queries however many messages there are."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe

from sunrelay.desk.html import sanitize, text_to_html
from sunrelay.desk.models import Message, MessageKind, Ticket
from sunrelay.desk.visibility import is_customer_visible
from sunrelay.mail import ticketpage
from sunrelay.mail.htmlfold import split_quoted
from sunrelay.notify import mentions


@dataclass(frozen=True)
class Body:
    """Rendered HTML in three parts; the page wraps `folded` in a <details>. Joined, they
    are the whole message: folding hides, never drops."""

    shown: SafeString
    folded: SafeString = mark_safe("")
    after: SafeString = mark_safe("")


def thread(ticket: Ticket, me=None) -> list[dict]:
    messages = list(ticket.messages.select_related("author_user", "author_contact"))
    files = ticketpage.attachments_by_message(ticket)
    deliveries = ticketpage.deliveries_by_message(ticket)
    bounces = ticketpage.bounces_by_message(ticket)
    items = [
        {
            "message": m,
            "public": is_customer_visible(m),
            "body": body(m, files.get(m.pk, [])),
            "attachments": files.get(m.pk, []),
            "delivery": deliveries.get(m.pk),
            "bounce": bounces.get(m.pk),
        }
        for m in messages
    ]
    _highlight_mentions(items, me)
    return items


def _highlight_mentions(items: list[dict], me) -> None:
    """Notes typed in the desk show their @mentions (notify.mentions); the staff are read
    once, and only when a note has an @."""
    notes = [
        i
        for i in items
        if i["message"].kind == MessageKind.NOTE
        and not i["message"].body_html
        and "@" in i["message"].body_text
    ]
    if not notes:
        return
    staff = mentions.load_staff()
    for item in notes:
        shown = item["body"].shown
        item["body"] = Body(
            mark_safe(mentions.highlight(shown, staff, me)),  # noqa: S308 - spans of escaped names
            item["body"].folded,
            item["body"].after,
        )


def body(message: Message, attachments: list[ticketpage.AttachmentLink]) -> Body:
    quote = ticketpage.quote_fold(message)
    if message.body_html:
        # body_html is sanitised when stored; sanitising again here costs little and keeps
        # this page safe even if a row was written some other way (and covers the cid: swap).
        html = sanitize(ticketpage.html_with_inline_images(message, attachments))
        parts = split_quoted(html, quote.folded) if quote.folded else None
        # Sanitised HTML, split between sibling elements: each part is safe to emit.
        return Body(*map(mark_safe, parts or (html,)))  # noqa: S308
    if not quote.folded:
        return Body(mark_safe(text_to_html(quote.visible)))  # noqa: S308 - escaped
    return Body(
        mark_safe(text_to_html(quote.visible)),  # noqa: S308 - escaped by text_to_html
        mark_safe(text_to_html(quote.folded)),  # noqa: S308 - escaped by text_to_html
    )
