"""Parsing raw mail into what the desk needs, tolerating what real mail does.

Standard library `email` with policy.default. Every header read and every decode can fail on
real mail, so each goes through a helper that falls back instead of raising.
"""

from __future__ import annotations

import binascii
import hashlib
import mimetypes
import re
from dataclasses import dataclass, field
from datetime import datetime
from email import policy
from email.message import EmailMessage, Message
from email.parser import BytesParser

from sunrelay.mail import headers as hdr
from sunrelay.mail.charsets import decode, fix_8bit
from sunrelay.mail.htmltext import html_to_text

_PARSER = BytesParser(policy=policy.default)
_UUENCODED = re.compile(
    r"^begin [0-7]{3,4} ([^\r\n]+)\r?\n(.*?)^end[ \t]*$", re.MULTILINE | re.DOTALL
)
_FOLD = re.compile(r"\r?\n(?=[ \t])")
_CHARSET = re.compile(r"""charset\s*=\s*["']?([^"';\s]+)""", re.IGNORECASE)
_UNSAFE_FILENAME = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')
# type "/" subtype, each an RFC 2045 token (lower-cased).
_MIME_TYPE = re.compile(r"[a-z0-9!#$%&'*+.^_`|~-]+/[a-z0-9!#$%&'*+.^_`|~-]+")


@dataclass
class ParsedAttachment:
    filename: str
    content_type: str
    data: bytes
    content_id: str = ""
    inline: bool = False

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


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
    fields = raw_headers(msg)
    name, sender = _from(fields)
    text, html, attachments = extract_body(msg)
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


def raw_headers(msg: Message) -> dict[str, list[str]]:
    """Header values as received (unfolded, 8-bit repaired), by lower-case name.

    Read without the policy's structured header classes: they are slow, and raise on some
    malformed values; the few headers we need are decoded by sunrelay.mail.headers.
    """
    fields: dict[str, list[str]] = {}
    for name, value in msg.raw_items():
        value = hdr.storable(fix_8bit(_FOLD.sub("", str(value))))
        fields.setdefault(name.lower(), []).append(value)
    return fields


def _one(fields: dict[str, list[str]], name: str) -> str:
    values = fields.get(name)
    return values[0].strip() if values else ""


def header(msg: Message, name: str) -> str:
    """A header's raw text (unfolded, 8-bit repaired); '' when absent. Never raises."""
    return _one(raw_headers(msg), name.lower())


def _from(fields: dict[str, list[str]]) -> tuple[str, str]:
    for name in ("from", "sender", "reply-to", "return-path"):
        found = hdr.addresses(fields.get(name, []))
        if found:
            return found[0]
    return "", ""


@dataclass
class _Part:
    """A leaf part's type facts, read once from its raw headers."""

    part: Message
    ctype: str
    charset: str | None
    disposition: str
    named: bool


def _info(part: Message) -> _Part:
    ctype_raw = disposition_raw = ""
    for name, value in part.raw_items():
        lower = name.lower()
        if lower == "content-type" and not ctype_raw:
            ctype_raw = str(value)
        elif lower == "content-disposition" and not disposition_raw:
            disposition_raw = str(value)
    ctype = ctype_raw.split(";", 1)[0].strip().lower()
    if not _MIME_TYPE.fullmatch(ctype):  # RFC 2045 5.2: an unreadable type means text/plain
        ctype = "text/plain"
    charset = _CHARSET.search(ctype_raw)
    return _Part(
        part=part,
        ctype=ctype,
        charset=charset.group(1) if charset else None,
        disposition=disposition_raw.split(";", 1)[0].strip().lower(),
        named="name" in ctype_raw.lower() or "filename" in disposition_raw.lower(),
    )


def part_text(info: _Part) -> str:
    try:
        payload = info.part.get_payload(decode=True)
    except (binascii.Error, ValueError):
        payload = None
    if payload is None:
        payload = b""
    if isinstance(payload, str):
        payload = payload.encode("utf-8", "surrogateescape")
    return hdr.storable(decode(payload, info.charset))


def _is_attachment(info: _Part) -> bool:
    return info.disposition == "attachment" or (info.named and not info.ctype.startswith("text/"))


def extract_body(msg: Message) -> tuple[str, str, list[ParsedAttachment]]:
    """The text and HTML bodies and every other leaf part as an attachment."""
    text_part = html_part = None
    leaves = [_info(part) for part in _leaves(msg)]
    for info in leaves:
        if _is_attachment(info):
            continue
        if info.ctype == "text/plain" and text_part is None:
            text_part = info
        elif info.ctype == "text/html" and html_part is None:
            html_part = info
    text = part_text(text_part).replace("\r\n", "\n") if text_part is not None else ""
    html = part_text(html_part) if html_part is not None else ""
    attachments = []
    for index, info in enumerate(leaves, start=1):
        if info is text_part or info is html_part:
            continue
        found = _attachment(info, index)
        if found is not None:
            attachments.append(found)
    if text:
        text, uu = extract_uuencoded(text)
        attachments.extend(uu)
    if not text.strip() and html:
        text = html_to_text(html)
    return text, html, attachments


def _leaves(part: Message):
    """Leaf parts in order; a nested message/rfc822 is one leaf (kept whole as an .eml)."""
    if not part.is_multipart() or part.get_content_type() == "message/rfc822":
        yield part
        return
    payload = part.get_payload()
    if isinstance(payload, list):
        for sub in payload:
            if isinstance(sub, Message):
                yield from _leaves(sub)


def _filename(part: Message) -> str:
    try:
        name = part.get_filename() or ""
    except Exception:
        name = ""
    return hdr.decode_words(fix_8bit(str(name)))


def safe_filename(name: str, content_type: str, index: int) -> str:
    name = _UNSAFE_FILENAME.sub("_", name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]).strip(" ._")
    if not name:
        extension = mimetypes.guess_extension(content_type) or ".bin"
        name = f"attachment-{index}{extension}"
    if len(name) > 200:
        stem, dot, extension = name.rpartition(".")
        name = (stem[:190] + dot + extension[:9]) if dot else name[:200]
    return name


def _attachment(info: _Part, index: int) -> ParsedAttachment | None:
    part, ctype = info.part, info.ctype
    if part.is_multipart() and ctype != "message/rfc822":
        return None
    if ctype == "message/rfc822":
        inner = part.get_payload()
        inner = inner[0] if isinstance(inner, list) and inner else inner
        data = inner.as_bytes(policy=policy.default.clone(linesep="\r\n")) if inner else b""
        subject = hdr.decode_words(header(inner, "Subject")) if inner else ""
        name = _filename(part) or f"{subject or 'message'}.eml"
    elif ctype in ("message/delivery-status", "text/rfc822-headers"):
        payload = part.get_payload()
        data = (
            payload.encode("utf-8", "surrogateescape")
            if isinstance(payload, str)
            else (
                part.as_bytes()
                if not isinstance(payload, list)
                else b"\n".join(p.as_bytes() for p in payload)
            )
        )
        name = _filename(part) or ("delivery-status.txt" if "status" in ctype else "headers.txt")
    else:
        try:
            data = part.get_payload(decode=True) or b""
        except (binascii.Error, ValueError):
            data = b""
        name = _filename(part) if info.named else ""
    if not data and not name:
        return None
    content_id = hdr.first_message_id(header(part, "Content-ID"))
    inline = info.disposition == "inline" or bool(content_id)
    return ParsedAttachment(
        filename=safe_filename(name, ctype, index),
        content_type=ctype,
        data=data,
        content_id=content_id,
        inline=inline and ctype.startswith("image/"),
    )


def extract_uuencoded(text: str) -> tuple[str, list[ParsedAttachment]]:
    """Old clients put files in the body as uuencode blocks: pull them out as attachments."""
    if "begin " not in text:
        return text, []
    found: list[ParsedAttachment] = []

    def replace(match: re.Match) -> str:
        name = match.group(1).strip()
        data = bytearray()
        try:
            for line in match.group(2).splitlines():
                if line.strip() in ("", "`"):
                    continue
                data += binascii.a2b_uu(line)
        except binascii.Error:
            return match.group(0)
        ctype = mimetypes.guess_type(name)[0] or "application/octet-stream"
        found.append(
            ParsedAttachment(safe_filename(name, ctype, len(found) + 1), ctype, bytes(data))
        )
        return f"[attachment: {name}]"

    return _UUENCODED.sub(replace, text), found
