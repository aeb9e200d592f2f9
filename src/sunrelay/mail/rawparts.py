"""The bytes of a MIME part as they arrived, sliced from the raw message.

An attached message is kept as its sender wrote it: re-serialising the parsed part
(Message.as_bytes) re-folds its headers, and raises on some malformed ones (a long bracketed
Message-ID in an attached Outlook message: IndexError deep in the header parser). The slice
follows the parser's own tree, boundary by boundary; where the bytes and the tree do not agree
the answer is None and the caller falls back to serialising.
"""

from __future__ import annotations

import binascii
import quopri
import re
from email.message import Message

_HEADER_END = re.compile(rb"\r?\n\r?\n")
_LINE_END = re.compile(rb"\r?\n")


def body_of(raw: bytes, root: Message, target: Message) -> bytes | None:
    """The body of `target`, a part of `root` (parsed from `raw`), as it is in `raw`, its
    transfer encoding undone; None when it cannot be found."""
    path = _path(root, target)
    if path is None:
        return None
    chunk, node = raw, root
    for index in path:
        body = _body(chunk)
        if body is None:
            return None
        children = node.get_payload()
        if node.get_content_maintype() == "message":
            chunk = body  # the enclosed message is the whole body
        else:
            chunks = _split(body, node.get_boundary())
            if chunks is None or len(chunks) != len(children):
                return None
            chunk = chunks[index]
        node = children[index]
    body = _body(chunk)
    if body is None:
        return None
    body = _decoded(body, target)
    return body if _agrees(body, target) else None


def _agrees(body: bytes, part: Message) -> bool:
    """An enclosed message's slice starts with its first header, as parsed."""
    payload = part.get_payload() if part.get_content_maintype() == "message" else None
    if not isinstance(payload, list) or not payload or not isinstance(payload[0], Message):
        return True
    item = next(iter(payload[0].raw_items()), None)
    if item is None:
        return True
    first = item[0].encode("ascii", "replace").lower() + b":"
    return body.lstrip(b"\r\n")[: len(first)].lower() == first


def _path(node: Message, target: Message) -> list[int] | None:
    if node is target:
        return []
    payload = node.get_payload() if node.is_multipart() else None
    for index, child in enumerate(payload or ()):
        if isinstance(child, Message):
            found = _path(child, target)
            if found is not None:
                return [index, *found]
    return None


def _body(entity: bytes) -> bytes | None:
    """What follows an entity's header block (an entity without headers starts with the
    blank line)."""
    start = _LINE_END.match(entity)
    if start is not None:
        return entity[start.end() :]
    end = _HEADER_END.search(entity)
    return entity[end.end() :] if end is not None else None


def _split(body: bytes, boundary: str | None) -> list[bytes] | None:
    """The parts of a multipart body; the line break before a delimiter belongs to it
    (RFC 2046 5.1.1)."""
    if not boundary:
        return None
    try:
        marker = re.escape(boundary.encode("ascii"))
    except UnicodeEncodeError:
        return None
    delimiter = re.compile(rb"(?:\A|\r?\n)--" + marker + rb"(--)?[ \t]*(?:\r?\n|\Z)")
    parts: list[bytes] = []
    start = None
    for match in delimiter.finditer(body):
        if start is not None:
            parts.append(body[start : match.start()])
        if match.group(1):
            return parts
        start = match.end()
    if start is not None:  # no closing delimiter: the last part runs to the end
        parts.append(body[start:])
    return parts


def _decoded(body: bytes, part: Message) -> bytes:
    encoding = ""
    for name, value in part.raw_items():  # raw: the policy's header classes may raise
        if name.lower() == "content-transfer-encoding":
            encoding = str(value).strip().lower()
            break
    try:
        if encoding == "base64":
            return binascii.a2b_base64(body)
        if encoding == "quoted-printable":
            return quopri.decodestring(body)
    except (binascii.Error, ValueError):
        pass
    return body
