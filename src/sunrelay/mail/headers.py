"""Reading a few headers straight from the bytes, before the message is parsed.

Used to store raw mail (Message-ID for de-duplication, sender and subject for the quarantine
list) without trusting the full parser to succeed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.header import decode_header, make_header
from email.utils import getaddresses, parseaddr, parsedate_to_datetime

from sunrelay.mail.charsets import MessageText, decode, fix_8bit

_HEADER_END = re.compile(rb"\r?\n\r?\n")
_FIELD = re.compile(rb"^([!-9;-~]+):[ \t]*(.*(?:\r?\n[ \t].*)*)", re.MULTILINE)
_MSGID = re.compile(r"<([^<>\s]+)>")


@dataclass(frozen=True)
class Envelope:
    message_id: str
    sender: str
    sender_name: str
    subject: str
    date: datetime | None
    thread_ids: list[str]


def header_block(raw: bytes) -> bytes:
    match = _HEADER_END.search(raw, 0, 262144)
    return raw[: match.start()] if match else raw[:262144]


def scan(raw: bytes) -> Envelope:
    """The identifying headers of a raw message; tolerant of any garbage."""
    fields: dict[str, bytes] = {}
    for match in _FIELD.finditer(header_block(raw)):
        name = match.group(1).lower().decode("ascii")
        fields.setdefault(name, match.group(2))
    context = MessageText(raw)  # for short 8-bit text without a charset (a subject)
    text = {name: _unfold(value, context) for name, value in fields.items()}
    name, address = parseaddr(text.get("from", ""))
    return Envelope(
        message_id=first_message_id(text.get("message-id", "")),
        sender=clean_address(address),
        sender_name=decode_words(name),
        subject=decode_words(text.get("subject", "")),
        date=parse_date(text.get("date", "")),
        thread_ids=message_ids(text.get("in-reply-to", "") + " " + text.get("references", "")),
    )


def _unfold(value: bytes, context: MessageText) -> str:
    return decode(re.sub(rb"\r?\n(?=[ \t])", b"", value).strip(), "utf-8", context)


def decode_words(value: str) -> str:
    """RFC 2047 encoded words to text; broken ones stay as they are."""
    value = fix_8bit(value or "")
    if "=?" not in value:
        return " ".join(value.split())
    try:
        parts = decode_header(value)
        return " ".join(str(make_header(parts)).split())
    except (LookupError, UnicodeDecodeError, ValueError, TypeError):
        return " ".join(value.split())


def first_message_id(value: str) -> str:
    ids = message_ids(value)
    if ids:
        return ids[0]
    value = (value or "").strip()
    return value if value and " " not in value and len(value) < 998 else ""


def message_ids(value: str) -> list[str]:
    """Every <id> in a Message-ID, In-Reply-To or References header, angle brackets removed."""
    return [m for m in _MSGID.findall(value or "") if len(m) < 998]


def clean_address(address: str) -> str:
    address = (address or "").strip().strip("<>").strip()
    if "@" not in address or any(ch.isspace() for ch in address) or len(address) > 254:
        return ""
    local, _, domain = address.rpartition("@")
    if not local or not domain:
        return ""
    return f"{local}@{domain}".lower()


def addresses(values: list[str]) -> list[tuple[str, str]]:
    """(name, address) pairs from address headers; unusable addresses are skipped."""
    result = []
    for name, address in getaddresses([fix_8bit(v) for v in values if v]):
        address = clean_address(address)
        if address:
            result.append((decode_words(name), address))
    return result


def parse_date(value: str) -> datetime | None:
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    try:
        return parsed.astimezone(UTC)
    except (OverflowError, ValueError):
        return None
