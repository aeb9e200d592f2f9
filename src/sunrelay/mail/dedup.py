"""When two deliveries are one message: the key a raw message is stored under, once.

A message is the same when its Message-ID and its content are: the body and the headers its
sender wrote (SENDER_HEADERS), not those added on the way (Received, Delivered-To,
Return-Path, X-Original-To, spam and authentication verdicts). The same message delivered
twice, by two routes, or fetched again from IMAP is stored once; a different message under a
reused Message-ID (some mail programs and scripts reuse them) is stored as its own. Without a
Message-ID, the bytes themselves decide.

The key is "id:" + 32 hex digits of the Message-ID's SHA-256 + ":" + 32 of the content's,
or "raw:" + the SHA-256 of the bytes. Migration 0004 rewrote keys stored before content
counted ("id:" + 64 hex digits of the Message-ID's hash).
"""

from __future__ import annotations

import hashlib
import re

SENDER_HEADERS = frozenset(
    {
        "from",
        "sender",
        "reply-to",
        "to",
        "cc",
        "subject",
        "date",
        "message-id",
        "in-reply-to",
        "references",
        "mime-version",
        "content-type",
        "content-transfer-encoding",
    }
)
_HEADER_END = re.compile(rb"\r?\n\r?\n")
_FIELD = re.compile(rb"^([!-9;-~]+):[ \t]*(.*(?:\r?\n[ \t].*)*)", re.MULTILINE)


def key(raw: bytes, message_id: str, raw_sha256: str) -> str:
    """The dedup key of a raw message (`raw_sha256`: the SHA-256 of `raw`, in hex)."""
    if not message_id:
        return "raw:" + raw_sha256
    of_id = hashlib.sha256(message_id.encode("utf-8", "replace")).hexdigest()
    return f"id:{of_id[:32]}:{content_digest(raw)[:32]}"


def content_digest(raw: bytes) -> str:
    """SHA-256 of what the sender wrote: their headers (whitespace and order aside) and the
    body (line endings and trailing blank lines aside)."""
    end = _HEADER_END.search(raw, 0, 262144)
    head, body = (raw[: end.start()], raw[end.end() :]) if end else (raw, b"")
    fields = sorted(
        (name.lower(), b" ".join(value.split()))
        for name, value in _FIELD.findall(head)
        if name.lower().decode("ascii") in SENDER_HEADERS
    )
    digest = hashlib.sha256()
    for name, value in fields:
        digest.update(name + b":" + value + b"\n")
    digest.update(b"\n" + body.replace(b"\r\n", b"\n").rstrip())
    return digest.hexdigest()
