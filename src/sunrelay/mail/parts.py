"""The leaf parts of a parsed message: their type facts, their text, and the files they hold.

Each reads the part's raw headers and falls back instead of raising: the policy's structured
header classes are slow and raise on some malformed values.
"""

from __future__ import annotations

import binascii
import hashlib
import mimetypes
import re
from dataclasses import dataclass
from email import policy
from email.generator import BytesGenerator
from email.message import Message
from io import BytesIO

from sunrelay.mail import headers as hdr
from sunrelay.mail import rawparts
from sunrelay.mail.charsets import MessageText, decode, fix_8bit

_CHARSET = re.compile(r"""charset\s*=\s*["']?([^"';\s]+)""", re.IGNORECASE)
_UNSAFE_FILENAME = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')
_CRLF = policy.default.clone(linesep="\r\n")


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
class PartInfo:
    """A leaf part's type facts, read once from its raw headers."""

    part: Message
    ctype: str
    charset: str | None
    disposition: str
    named: bool

    @property
    def is_attachment(self) -> bool:
        return self.disposition == "attachment" or (
            self.named and not self.ctype.startswith("text/")
        )

    @property
    def is_body(self) -> bool:
        """Text meant to be read as the message: plain or HTML, neither attached nor named."""
        return (
            self.ctype in ("text/plain", "text/html")
            and self.disposition != "attachment"
            and not self.named
        )


def info(part: Message) -> PartInfo:
    ctype_raw = disposition_raw = ""
    for name, value in part.raw_items():
        lower = name.lower()
        if lower == "content-type" and not ctype_raw:
            ctype_raw = str(value)
        elif lower == "content-disposition" and not disposition_raw:
            disposition_raw = str(value)
    ctype = _type(part, ctype_raw)
    charset = _CHARSET.search(ctype_raw)
    return PartInfo(
        part=part,
        ctype=ctype,
        charset=charset.group(1) if charset else None,
        disposition=disposition_raw.split(";", 1)[0].strip().lower(),
        named="name" in ctype_raw.lower() or "filename" in disposition_raw.lower(),
    )


def content_type(part: Message) -> str:
    """The part's type, like Message.get_content_type() but read from the raw header: the
    policy's header parsing is the slowest step of reading a message."""
    for name, value in part.raw_items():
        if name.lower() == "content-type":
            return _type(part, str(value))
    return _type(part, "")


def _type(part: Message, raw: str) -> str:
    # Without a Content-Type a part is text/plain, but message/rfc822 inside a
    # multipart/digest (RFC 2046 5.1.5): the parser knows which. A malformed one is
    # text/plain (RFC 2045 5.2).
    ctype = raw.split(";", 1)[0].strip().lower() or part.get_default_type()
    return ctype if ctype.count("/") == 1 else "text/plain"


def raw_header(part: Message, name: str, context: MessageText | None = None) -> str:
    """A header's raw text (unfolded, 8-bit repaired); '' when absent. Never raises."""
    wanted = name.lower()
    for key, value in part.raw_items():
        if key.lower() == wanted:
            return fix_8bit(re.sub(r"\r?\n(?=[ \t])", "", str(value)), context).strip()
    return ""


def part_text(found: PartInfo, context: MessageText | None = None) -> str:
    try:
        payload = found.part.get_payload(decode=True)
    except (binascii.Error, ValueError):
        payload = None
    if payload is None:
        payload = b""
    if isinstance(payload, str):
        payload = payload.encode("utf-8", "surrogateescape")
    return decode(payload, found.charset, context)


def leaves(part: Message):
    """Leaf parts in order; an enclosed message (message/*) is one leaf, kept whole."""
    if not part.is_multipart() or content_type(part).startswith("message/"):
        yield part
        return
    payload = part.get_payload()
    if isinstance(payload, list):
        for sub in payload:
            if isinstance(sub, Message):
                yield from leaves(sub)


def filename(part: Message, context: MessageText | None = None) -> str:
    try:
        name = part.get_filename() or ""
    except Exception:
        name = ""
    return hdr.decode_words(fix_8bit(str(name), context))


def safe_filename(name: str, content_type: str, index: int) -> str:
    name = _UNSAFE_FILENAME.sub("_", name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]).strip(" ._")
    if not name:
        extension = mimetypes.guess_extension(content_type) or ".bin"
        name = f"attachment-{index}{extension}"
    if len(name) > 200:
        stem, dot, extension = name.rpartition(".")
        name = (stem[:190] + dot + extension[:9]) if dot else name[:200]
    return name


@dataclass(frozen=True)
class Source:
    """The raw message and its parsed tree, for slicing parts out as they arrived."""

    raw: bytes
    root: Message
    context: MessageText | None = None


def attachment(found: PartInfo, index: int, source: Source) -> ParsedAttachment | None:
    part, ctype = found.part, found.ctype
    if ctype.startswith("message/") or ctype == "text/rfc822-headers":
        data, name = _enclosed(found, source)
    elif part.is_multipart():
        return None
    else:
        try:
            data = part.get_payload(decode=True) or b""
        except (binascii.Error, ValueError):
            data = b""
        name = filename(part, source.context) if found.named else ""
    if not data and not name:
        return None
    content_id = hdr.first_message_id(raw_header(part, "Content-ID"))
    inline = found.disposition == "inline" or bool(content_id)
    return ParsedAttachment(
        filename=safe_filename(name, ctype, index),
        content_type=ctype,
        data=data,
        content_id=content_id,
        inline=inline and ctype.startswith("image/"),
    )


def _enclosed(found: PartInfo, source: Source) -> tuple[bytes, str]:
    """An enclosed message or report, as the bytes it arrived in, and its file name."""
    part, ctype = found.part, found.ctype
    data = rawparts.body_of(source.raw, source.root, part)
    if data is None:
        data = _serialised(part)
    name = filename(part, source.context)
    if name:
        return data, name
    if ctype in ("message/rfc822", "message/global"):
        inner = part.get_payload()
        inner = inner[0] if isinstance(inner, list) and inner else None
        subject = raw_header(inner, "Subject", source.context) if inner is not None else ""
        return data, f"{hdr.decode_words(subject) or 'message'}.eml"
    if ctype == "message/delivery-status":
        return data, "delivery-status.txt"
    return data, "headers.txt" if ctype.endswith("rfc822-headers") else ""


def _serialised(part: Message) -> bytes:
    """The parsed part's body written out again: only where slicing the raw bytes failed."""
    payload = part.get_payload()
    if isinstance(payload, str):
        return payload.encode("utf-8", "surrogateescape")
    if not isinstance(payload, list):
        return b""
    chunks = []
    for sub in payload:
        try:
            chunks.append(sub.as_bytes(policy=_CRLF))
        except Exception:  # malformed headers the policy cannot re-fold: write them as read
            out = BytesIO()
            BytesGenerator(out, policy=policy.compat32, mangle_from_=False).flatten(sub)
            chunks.append(out.getvalue())
    return b"\n".join(chunks)
