"""Turning the bytes of a mail part or header into text, whatever the sender claimed."""

from __future__ import annotations

import codecs

# Labels senders use for a narrower charset than the one they really wrote in; decoding with
# the superset is what mail clients and browsers do (WHATWG Encoding Standard).
SUPERSETS = {
    "us-ascii": "utf-8",
    "ascii": "utf-8",
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "iso-8859-9": "cp1254",
    "iso-8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "ks_c_5601-1987": "cp949",
    "euc-kr": "cp949",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "big5": "big5hkscs",
    "iso-8859-8-i": "iso-8859-8",
    "utf8": "utf-8",
    "unicode-1-1-utf-7": "utf-7",
}


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().strip('"').lower()
    label = SUPERSETS.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode(data: bytes, declared: str | None = None) -> str:
    """Decode with the declared charset; if it is unknown or wrong, UTF-8, then a guess.

    Never raises: the last resort replaces what cannot be decoded.
    """
    codec = _codec(declared)
    if codec:
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            pass
    if codec != "utf-8":
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    guessed = _guess(data)
    if guessed is not None:
        return guessed
    # Mail that claims UTF-8 (or nothing) but is not is nearly always windows-1252; a
    # multi-byte charset with a few broken bytes is best read in that charset.
    fallback = "cp1252" if codec in (None, "utf-8", "ascii") else codec
    return data.decode(fallback, errors="replace")


def _guess(data: bytes) -> str | None:
    """charset-normalizer's guess, when the text is long enough to guess from.

    Short snippets (a name, a subject) get wild guesses; they fall through to windows-1252,
    the charset most mislabelled Western mail is really in.
    """
    if len(data) < 48:
        return None
    from charset_normalizer import from_bytes

    best = from_bytes(data[:65536]).best()
    if best is None or best.encoding.startswith(("utf_16", "utf_32")):
        return None
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def fix_8bit(value: str) -> str:
    """Header text parsed from raw 8-bit bytes carries surrogate escapes: decode them."""
    if value.isascii() or not any("\udc80" <= ch <= "\udcff" for ch in value):
        return value
    return decode(value.encode("ascii", "surrogateescape"))
