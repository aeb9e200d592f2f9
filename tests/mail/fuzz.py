"""Hypothesis strategies that break real mail: the corpus of tests/data/mail as seeds, mutated
the ways mail arrives broken in the wild.

`mutated_mail()` draws a seed and applies one to five mutations: header values replaced, added,
dropped or repeated; charsets relabelled; MIME boundaries broken; transfer encodings and content
types lied about; the message truncated; huge headers; deep nesting; binary garbage; mixed line
endings. Everything works on bytes: the point is mail no parser has blessed.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

from hypothesis import strategies as st

from tests.mail.fuzz_values import (
    CHARSETS,
    CONTENT_TYPES,
    ENCODINGS,
    HEADER_NAMES,
    ODD_VALUES,
    TRANSFER_ENCODINGS,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "mail"
SEEDS: dict[str, bytes] = {p.name: p.read_bytes() for p in sorted(DATA.glob("*.eml"))}

_HEADER_END = re.compile(rb"\r?\n\r?\n")
_CHARSET = re.compile(rb"""(charset\s*=\s*)("[^"]*"|[^;\s]*)""", re.IGNORECASE)
_BOUNDARY = re.compile(rb"""boundary\s*=\s*("[^"]*"|[^;\s]*)""", re.IGNORECASE)
_CTE = re.compile(rb"^(Content-Transfer-Encoding:[ \t]*)(.*)$", re.IGNORECASE | re.MULTILINE)
_CTYPE = re.compile(rb"^(Content-Type:[ \t]*)([^;\r\n]*)", re.IGNORECASE | re.MULTILINE)


def split(raw: bytes) -> tuple[bytes, bytes, bytes]:
    """(header block, the blank line, body); a message without a blank line is all header."""
    match = _HEADER_END.search(raw)
    if match is None:
        return raw, b"", b""
    return raw[: match.start()], raw[match.start() : match.end()], raw[match.end() :]


def fields(head: bytes) -> list[bytes]:
    """Header fields with their continuation lines."""
    found: list[bytes] = []
    for line in head.split(b"\n"):
        if found and line[:1] in (b" ", b"\t"):
            found[-1] += b"\n" + line
        else:
            found.append(line)
    return found


@st.composite
def encoded_words(draw) -> bytes:
    charset = draw(st.sampled_from(CHARSETS))
    encoding = draw(st.sampled_from(ENCODINGS))
    payload = draw(st.binary(max_size=40)).replace(b"?=", b"")
    if draw(st.booleans()):
        payload = base64.b64encode(payload)
    return b"=?" + charset + b"?" + encoding + b"?" + payload + b"?="


@st.composite
def addresses(draw) -> bytes:
    count = draw(st.sampled_from([2, 30, 300, 2000]))
    names = draw(st.booleans())
    items = [
        (f'"Person {i}" ' if names else "").encode() + f"<p{i}@ex{i % 7}.test>".encode()
        for i in range(count)
    ]
    return b", ".join(items)


@st.composite
def header_values(draw) -> bytes:
    """A value no well-behaved client would write."""
    kind = draw(st.integers(0, 6))
    if kind == 0:
        return draw(st.sampled_from(ODD_VALUES))
    if kind == 1:
        return draw(st.binary(max_size=200))
    if kind == 2:
        return draw(st.text(max_size=120)).encode("utf-8", "surrogatepass")
    if kind == 3:
        return b" ".join(draw(st.lists(encoded_words(), min_size=1, max_size=6)))
    if kind == 4:
        return draw(addresses())
    if kind == 5:
        return b"x" * draw(st.sampled_from([998, 5_000, 70_000]))
    return b"<" + b"> <".join(f"id{i}@ex.test".encode() for i in range(draw(st.integers(1, 3000))))


# -- mutations: each takes the message and draw, returns the new message -------------------


def _pick(draw, items: list):
    return draw(st.integers(0, len(items) - 1)) if items else None


def replace_header(raw: bytes, draw) -> bytes:
    head, blank, body = split(raw)
    found = fields(head)
    index = _pick(draw, found)
    if index is None:
        return raw
    name = found[index].split(b":", 1)[0]
    found[index] = name + b": " + draw(header_values())
    return b"\n".join(found) + blank + body


def add_header(raw: bytes, draw) -> bytes:
    head, blank, body = split(raw)
    found = fields(head)
    line = draw(st.sampled_from(HEADER_NAMES)) + b": " + draw(header_values())
    found.insert(draw(st.integers(0, len(found))), line)
    return b"\n".join(found) + (blank or b"\n\n") + body


def drop_header(raw: bytes, draw) -> bytes:
    head, blank, body = split(raw)
    found = fields(head)
    index = _pick(draw, found)
    if index is not None:
        del found[index]
    return b"\n".join(found) + blank + body


def repeat_header(raw: bytes, draw) -> bytes:
    head, blank, body = split(raw)
    found = fields(head)
    index = _pick(draw, found)
    if index is None:
        return raw
    found[index:index] = [found[index]] * draw(st.sampled_from([1, 5, 50, 2000]))
    return b"\n".join(found) + blank + body


def relabel_charset(raw: bytes, draw) -> bytes:
    label = draw(st.sampled_from(CHARSETS))
    matches = list(_CHARSET.finditer(raw))
    if not matches:
        return re.sub(
            rb"^(Content-Type:[^\r\n]*)",
            rb"\1; charset=" + label.replace(b"\\", b"\\\\"),
            raw,
            count=1,
            flags=re.MULTILINE | re.IGNORECASE,
        )
    match = matches[_pick(draw, matches)]
    return raw[: match.start(2)] + label + raw[match.end(2) :]


def break_boundary(raw: bytes, draw) -> bytes:
    matches = list(_BOUNDARY.finditer(raw))
    if not matches:
        return raw
    match = matches[_pick(draw, matches)]
    old = match.group(1).strip(b'"')
    how = draw(st.integers(0, 4))
    if how == 0 and old:  # the closing delimiter never comes
        return raw.replace(b"--" + old + b"--", b"")
    if how == 1 and old:  # delimiters that do not match the declared boundary
        return raw.replace(b"--" + old, b"--" + old[:-1])
    if how == 2:  # an empty or absurd boundary
        value = draw(st.sampled_from([b'""', b"", b'"  "', b"-" * 200, b'"a b"', b"\x00"]))
        return raw[: match.start(1)] + value + raw[match.end(1) :]
    if how == 3 and old:  # a delimiter line in the middle of a part's text
        return raw.replace(b"\n\n", b"\n\n--" + old + b"\n", 1)
    return raw.replace(b"--" + old, b"--" + old + b"\n--" + old)  # empty parts


def lie_about_transfer_encoding(raw: bytes, draw) -> bytes:
    value = draw(st.sampled_from(TRANSFER_ENCODINGS))
    matches = list(_CTE.finditer(raw))
    if not matches:
        head, blank, body = split(raw)
        return head + b"\nContent-Transfer-Encoding: " + value + (blank or b"\n\n") + body
    match = matches[_pick(draw, matches)]
    return raw[: match.start(2)] + value + raw[match.end(2) :]


def lie_about_content_type(raw: bytes, draw) -> bytes:
    value = draw(st.sampled_from(CONTENT_TYPES))
    matches = list(_CTYPE.finditer(raw))
    if not matches:
        head, blank, body = split(raw)
        return head + b"\nContent-Type: " + value + (blank or b"\n\n") + body
    match = matches[_pick(draw, matches)]
    return raw[: match.start(2)] + value + raw[match.end(2) :]


def truncate(raw: bytes, draw) -> bytes:
    return raw[: draw(st.integers(0, len(raw)))]


def huge_headers(raw: bytes, draw) -> bytes:
    head, blank, body = split(raw)
    how = draw(st.integers(0, 2))
    if how == 0:  # one enormous unfolded line
        line = b"X-Huge: " + b"y" * draw(st.sampled_from([10_000, 300_000]))
    elif how == 1:  # one value folded over many lines
        line = b"Subject: " + b"\n ".join([b"word"] * draw(st.sampled_from([500, 20_000])))
    else:  # very many fields
        line = b"\n".join(f"X-Many-{i}: {i}".encode() for i in range(draw(st.integers(1, 8000))))
    return head + b"\n" + line + (blank or b"\n\n") + body


def nest(raw: bytes, draw) -> bytes:
    """Wrap the message in many levels of multipart or attached messages."""
    as_messages = draw(st.booleans())
    # Past the parser's recursion limit (~1000 levels) with attached messages: each level of
    # multipart costs the parser a boundary check per line, and 1,000 of them take seconds.
    depth = draw(st.sampled_from([2, 10, 60, 250, 1100] if as_messages else [2, 10, 60, 250]))
    for level in range(depth):
        if as_messages:
            raw = (
                b"From: level@ex.test\nSubject: level\nMIME-Version: 1.0\n"
                b"Content-Type: message/rfc822\n\n" + raw
            )
        else:
            b = f"nest{level}".encode()
            raw = (
                b"From: level@ex.test\nSubject: level\nMIME-Version: 1.0\n"
                b'Content-Type: multipart/mixed; boundary="'
                + b
                + b'"\n\n--'
                + b
                + b"\n"
                + raw
                + b"\n--"
                + b
                + b"--\n"
            )
    return raw


def garbage(raw: bytes, draw) -> bytes:
    junk = draw(st.binary(min_size=1, max_size=300))
    at = draw(st.integers(0, len(raw)))
    if draw(st.booleans()):
        return raw[:at] + junk + raw[at:]
    return raw[:at] + junk + raw[at + len(junk) :]


def line_endings(raw: bytes, draw) -> bytes:
    lf = raw.replace(b"\r\n", b"\n")
    how = draw(st.integers(0, 3))
    if how == 0:
        return lf.replace(b"\n", b"\r\n")
    if how == 1:
        return lf.replace(b"\n", b"\r")
    if how == 2:  # mixed, line by line
        lines = lf.split(b"\n")
        ends = draw(st.lists(st.sampled_from([b"\n", b"\r\n", b"\r"]), min_size=1, max_size=8))
        return b"".join(line + ends[i % len(ends)] for i, line in enumerate(lines))
    return lf.replace(b"\n", b"\n\x00", 3)


MUTATIONS = [
    replace_header,
    add_header,
    drop_header,
    repeat_header,
    relabel_charset,
    break_boundary,
    lie_about_transfer_encoding,
    lie_about_content_type,
    truncate,
    huge_headers,
    nest,
    garbage,
    line_endings,
]


# Mutations compound (a repeated huge header, nested again): past this size a case only
# measures the machine; the size limit itself has its own test.
MAX_BYTES = 2_000_000
SENDERS = [
    b"Carla Customer <carla@acme.test>",  # a known contact
    b"new.person@acme.test",  # an account's domain
    b"=?utf-8?q?Jos=C3=A9?= <jose@stranger.test>",  # nobody we know
]


@st.composite
def mutated_mail(draw, seeds: dict[str, bytes] | None = None) -> bytes:
    """A corpus message with one to five mutations applied.

    Half the time a valid From line is put on top afterwards (as a relay might): most
    mutations then reach past the sender check into threading, contacts and the desk.
    """
    seeds = seeds or SEEDS
    raw = seeds[draw(st.sampled_from(sorted(seeds)))]
    for mutation in draw(st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=5)):
        mutated = mutation(raw, draw)
        raw = mutated if len(mutated) <= MAX_BYTES else raw
    if draw(st.booleans()):
        raw = b"From: " + draw(st.sampled_from(SENDERS)) + b"\r\n" + raw
    return raw
