"""What a message says: its body text and HTML, and every other part as a file.

The MIME structure decides (RFC 2046):
- multipart/alternative holds one content in several forms: the text comes from its plain
  form, the HTML from its richest (last) HTML form;
- multipart/related is its first part (the root), the rest are resources it shows (images);
- every other multipart (mixed, digest, signed, ...) is a sequence: each of its body parts is
  shown, in order. Plain text between HTML parts is shown as escaped text in the HTML.
A body part is text/plain or text/html that is neither attached nor named; every other leaf
(and every form of an alternative that was not used) is kept as a file. Uuencoded blocks in
plain text become files too.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.message import Message

from sunrelay.desk.html import text_to_html
from sunrelay.mail import parts, uuencode
from sunrelay.mail.htmltext import html_to_text
from sunrelay.mail.parts import ParsedAttachment, PartInfo, Source


class _Piece:
    """Some of what the message says: plain text, HTML, or both forms of one content."""

    def __init__(self, text: str | None, html: str | None = None) -> None:
        self._text = text
        self.html = html  # None: plain text only

    @property
    def text(self) -> str:
        if self._text is None:  # made only when needed: HTML to text is slow
            self._text = html_to_text(self.html or "")
        return self._text


class _Reader:
    def __init__(self, source: Source) -> None:
        self.source = source
        self.used: set[int] = set()  # id() of the leaves read as body
        self.files: list[ParsedAttachment] = []

    def pieces(self, part: Message) -> list[_Piece]:
        if not part.is_multipart():
            return self._leaf(part)
        ctype = parts.content_type(part)
        if ctype.startswith("message/"):
            return self._leaf(part)
        children = [c for c in part.get_payload() if isinstance(c, Message)]
        if ctype == "multipart/alternative":
            return self._alternative(children)
        if ctype == "multipart/related":
            return self.pieces(children[0]) if children else []
        return [piece for child in children for piece in self.pieces(child)]

    def _leaf(self, part: Message) -> list[_Piece]:
        found = parts.info(part)
        if not found.is_body:
            return []
        self.used.add(id(part))
        return [self._read(found)]

    def _read(self, found: PartInfo) -> _Piece:
        text = parts.part_text(found, self.source.context)
        if found.ctype == "text/html":
            return _Piece(None, text)
        text, files = uuencode.extract(text.replace("\r\n", "\n"), _uuencoded)
        self.files.extend(files)
        return _Piece(text, None)

    def _alternative(self, children: list[Message]) -> list[_Piece]:
        # Each form is read aside; only the forms used keep their leaves and files.
        forms = []
        for child in children:
            used, files = set(self.used), len(self.files)
            pieces = self.pieces(child)
            forms.append(_Form(pieces, self.used - used, self.files[files:]))
            self.used = used
            del self.files[files:]
        plain = next((f for f in forms if f.pieces and not f.has_html), None)
        rich = next((f for f in reversed(forms) if f.has_html), None)
        for form in (plain, rich):
            if form is not None:
                self.used |= form.leaves
                self.files.extend(form.files)
        text = _joined([p.text for p in plain.pieces]) if plain is not None else ""
        if rich is None:
            return [_Piece(text, None)] if plain is not None else []
        if not text.strip():
            text = _joined([p.text for p in rich.pieces])
        return [_Piece(text, _joined_html(rich.pieces))]


@dataclass
class _Form:
    """One form of a multipart/alternative, as read."""

    pieces: list[_Piece]
    leaves: set[int]
    files: list[ParsedAttachment]

    @property
    def has_html(self) -> bool:
        return any(p.html is not None for p in self.pieces)


def _uuencoded(name: str, ctype: str, data: bytes, index: int) -> ParsedAttachment:
    return ParsedAttachment(parts.safe_filename(name, ctype, index), ctype, data)


def _joined(texts: list[str]) -> str:
    texts = [t for t in texts if t.strip()]
    if len(texts) == 1:
        return texts[0]
    return "\n\n".join(t.strip("\n") for t in texts)


def _joined_html(pieces: list[_Piece]) -> str:
    return "\n".join(p.html if p.html is not None else text_to_html(p.text) for p in pieces)


def extract_body(msg: Message, source: Source) -> tuple[str, str, list[ParsedAttachment]]:
    """The text and HTML bodies and every other leaf part as an attachment."""
    reader = _Reader(source)
    pieces = [p for p in reader.pieces(msg) if (p.html or "").strip() or p.text.strip()]
    if not pieces:
        pieces = _fallback(reader, msg)
    text = _joined([p.text for p in pieces])
    html = _joined_html(pieces) if any(p.html is not None for p in pieces) else ""
    attachments = []
    for index, leaf in enumerate(parts.leaves(msg), start=1):
        if id(leaf) in reader.used:
            continue
        found = parts.attachment(parts.info(leaf), index, source)
        if found is not None:
            attachments.append(found)
    return text, html, attachments + reader.files


def _fallback(reader: _Reader, msg: Message) -> list[_Piece]:
    """No unnamed body part: the first plain or HTML part that is not attached is the body
    (a single-part message whose Content-Type carries a name)."""
    for leaf in parts.leaves(msg):
        found = parts.info(leaf)
        if found.ctype in ("text/plain", "text/html") and not found.is_attachment:
            reader.used.add(id(leaf))
            return [reader._read(found)]
    return []
