"""Every raw message of tests/data/mail/ routed as expected.json says.

The corpus is replayed in order against one database: later messages reply to tickets and
to replies created by earlier ones ({{TICKET:file}} and {{SENT:file}} stand for their ids).
"""

from __future__ import annotations

import json
import re

from sunrelay.desk import services
from sunrelay.desk.models import Cause, Message, MessageKind, Status, Ticket
from sunrelay.mail import intake
from sunrelay.mail.models import Attachment, Outbox, RawMessage, Source
from sunrelay.mail.ticketpage import bounces_by_message, quote_fold
from tests.mail.conftest import DATA

EXPECTED = json.loads((DATA / "expected.json").read_text())
PLACEHOLDER = re.compile(rb"\{\{(TICKET|SENT):([^}]+)\}\}")


def test_the_corpus_has_at_least_forty_messages_each_with_an_expected_outcome():
    files = sorted(p.name for p in DATA.glob("*.eml"))
    assert len(files) >= 40
    assert files == sorted(e["file"] for e in EXPECTED)


def test_it_routes_every_corpus_message_as_expected(settings, agent, contact):
    settings.MAIL_MAX_MESSAGE_BYTES = 65536
    tickets: dict[str, int] = {}
    sent: dict[str, str] = {}

    def fill(match):
        kind, name = match.group(1).decode(), match.group(2).decode()
        return str(tickets[name] if kind == "TICKET" else sent[name]).encode()

    problems = []
    for entry in EXPECTED:
        name = entry["file"]
        raw = PLACEHOLDER.sub(fill, (DATA / name).read_bytes())
        result = intake.receive(raw, source=Source.IMPORT)
        problems += [f"{name}: {p}" for p in check(entry, result, tickets)]
        if result.ticket_id:
            tickets.setdefault(name, result.ticket_id)
        if entry.get("then_reply"):
            ticket = Ticket.objects.get(pk=result.ticket_id)
            message = services.reply(ticket, agent, "Could you send the style JSON?")
            sent[name] = Outbox.objects.get(desk_message=message).message_id
        if entry.get("then_close"):
            ticket = Ticket.objects.get(pk=result.ticket_id)
            services.update_ticket(ticket, agent, status=Status.SOLVED, cause=Cause.QUESTION)
            services.update_ticket(ticket, agent, status=Status.CLOSED)
    assert not problems, "\n".join(problems)
    assert RawMessage.objects.count() == len(EXPECTED) - 2  # the two duplicates are not stored


def check(entry, result, tickets) -> list[str]:
    problems = []

    def expect(what, actual, wanted):
        if actual != wanted:
            problems.append(f"{what}: got {actual!r}, expected {wanted!r}")

    expect("outcome", str(result.outcome), entry["outcome"])
    if problems:
        return problems + [f"reason: {result.reason}"]
    raw = RawMessage.objects.filter(pk__isnull=False).order_by("-id").first()
    if "reason_contains" in entry:
        reason = result.reason or (raw.reason if raw else "")
        if entry["reason_contains"] not in reason:
            problems.append(f"reason {reason!r} lacks {entry['reason_contains']!r}")
    if not result.ticket_id:
        return problems
    ticket = Ticket.objects.get(pk=result.ticket_id)
    message = Message.objects.get(pk=result.message_pk)
    if "same_ticket_as" in entry:
        expect("ticket", ticket.pk, tickets[entry["same_ticket_as"]])
    if "not_same_ticket_as" in entry and ticket.pk == tickets[entry["not_same_ticket_as"]]:
        problems.append("joined a ticket it must not join")
    if "follow_up_of" in entry:
        expect("follow-up of", ticket.follow_up_of_id, tickets[entry["follow_up_of"]])
    if "subject" in entry:
        expect("subject", ticket.subject, entry["subject"])
    for text in _listed(entry.get("body_contains")):
        if text not in message.body_text:
            problems.append(f"body {message.body_text[:200]!r} lacks {text!r}")
    for text in _listed(entry.get("html_contains")):
        if text not in message.body_html:
            problems.append(f"html lacks {text!r}")
    if "html_lacks" in entry and entry["html_lacks"] in message.body_html:
        problems.append(f"html still has {entry['html_lacks']!r}")
    attachments = list(Attachment.objects.filter(message=message))
    if "attachments" in entry:
        expect("attachments", sorted(a.filename for a in attachments), sorted(entry["attachments"]))
    if "inline" in entry:
        expect("inline", sorted(a.filename for a in attachments if a.inline), entry["inline"])
    for filename, text in entry.get("attachment_contains", {}).items():
        found = [a for a in attachments if a.filename == filename]
        if not found or text.encode() not in bytes(found[0].data):
            problems.append(f"attachment {filename} lacks {text!r}")
    if "channel" in entry:
        expect("channel", ticket.channel, entry["channel"])
    if "note_contains" in entry:
        notes = Message.objects.filter(ticket=ticket, kind=MessageKind.NOTE)
        if not any(entry["note_contains"] in n.body_text for n in notes):
            problems.append(f"no note on the ticket says {entry['note_contains']!r}")
    if "account" in entry:
        expect("account", ticket.account.name if ticket.account else None, entry["account"])
    if "contact_name" in entry:
        expect(
            "contact",
            message.author_contact.name if message.author_contact else None,
            entry["contact_name"],
        )
    if "ccs" in entry:
        expect("ccs", sorted(c.email for c in ticket.ccs.all()), entry["ccs"])
    if "fold_visible" in entry:
        folded = quote_fold(message)
        if entry["fold_visible"] not in folded.visible:
            problems.append(f"visible part {folded.visible!r} lacks {entry['fold_visible']!r}")
        if entry["fold_hidden"] not in folded.folded:
            problems.append(f"folded part {folded.folded!r} lacks {entry['fold_hidden']!r}")
        if folded.visible + message.body_text[len(folded.visible) :] != message.body_text:
            problems.append("folding changed the text")
    if "bounce_recipient" in entry or "bounce_status" in entry:
        info = bounces_by_message(ticket)[message.pk]
        if "bounce_recipient" in entry:
            expect("bounced recipient", info.recipient, entry["bounce_recipient"])
        if "bounce_status" in entry:
            expect("bounce status", info.status, entry["bounce_status"])
    return problems


def _listed(value) -> list[str]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
