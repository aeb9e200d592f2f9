"""Parsing raw mail into what the desk needs, tolerating what real mail does.

Standard library `email` with policy.default. Every header read and every decode can fail on
real mail, so each goes through a helper that falls back instead of raising.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from email import policy
from email.message import EmailMessage, Message
from email.parser import BytesParser

from sunrelay.mail import headers as hdr
from sunrelay.mail.body import extract_body
from sunrelay.mail.charsets import MessageText, fix_8bit
from sunrelay.mail.parts import ParsedAttachment, Source, raw_header, safe_filename

__all__ = ["ParsedAttachment", "ParsedMail", "header", "parse", "raw_headers", "safe_filename"]

_PARSER = BytesParser(policy=policy.default)
_FOLD = re.compile(r"\r?\n(?=[ \t])")


@dataclass
class ParsedMail:
    message: EmailMessage
    fields: dict[str, list[str]]
    message_id: str
    subject: str
    sender: str
    sender_name: str
    to: list[tuple[str, str]]
    cc: list[tuple[str, str]]
    date: datetime | None
    in_reply_to: list[str]
    references: list[str]
    text: str
    html: str
    attachments: list[ParsedAttachment] = field(default_factory=list)

    def header(self, name: str) -> str:
        return _one(self.fields, name.lower())

    @property
    def content_type(self) -> str:
        ctype = self.header("Content-Type").split(";", 1)[0].strip().lower()
        return ctype if ctype.count("/") == 1 else "text/plain"

    def thread_ids(self) -> list[str]:
        """Referenced Message-IDs, most specific first (In-Reply-To, then References newest first)."""
        seen: list[str] = []
        for mid in [*self.in_reply_to, *reversed(self.references)]:
            if mid not in seen:
                seen.append(mid)
        return seen


def parse(raw: bytes) -> ParsedMail:
    msg = _PARSER.parsebytes(raw)
    context = MessageText(raw)
    fields = raw_headers(msg, context)
    name, sender = _from(fields)
    text, html, attachments = extract_body(msg, Source(raw, msg, context))
    return ParsedMail(
        message=msg,
        fields=fields,
        message_id=hdr.first_message_id(_one(fields, "message-id")),
        subject=hdr.decode_words(_one(fields, "subject")),
        sender=sender,
        sender_name=name,
        to=hdr.addresses(fields.get("to", [])),
        cc=hdr.addresses(fields.get("cc", [])),
        date=hdr.parse_date(_one(fields, "date")),
        in_reply_to=hdr.message_ids(_one(fields, "in-reply-to")),
        references=hdr.message_ids(" ".join(fields.get("references", []))),
        text=text,
        html=html,
        attachments=attachments,
    )


def raw_headers(msg: Message, context: MessageText | None = None) -> dict[str, list[str]]:
    """Header values as received (unfolded, 8-bit repaired), by lower-case name.

    Read without the policy's structured header classes: they are slow, and raise on some
    malformed values; the few headers we need are decoded by sunrelay.mail.headers.
    """
    fields: dict[str, list[str]] = {}
    for name, value in msg.raw_items():
        value = fix_8bit(_FOLD.sub("", str(value)), context)
        fields.setdefault(name.lower(), []).append(value)
    return fields


def _one(fields: dict[str, list[str]], name: str) -> str:
    values = fields.get(name)
    return values[0].strip() if values else ""


def header(msg: Message, name: str) -> str:
    """A header's raw text (unfolded, 8-bit repaired); '' when absent. Never raises."""
    return raw_header(msg, name)


def _from(fields: dict[str, list[str]]) -> tuple[str, str]:
    for name in ("from", "sender", "reply-to", "return-path"):
        found = hdr.addresses(fields.get(name, []))
        if found:
            return found[0]
    return "", ""
