"""Turning the bytes of a mail part or header into text, whatever the sender claimed.

Order, for each header and each body part: the declared charset; UTF-8; for text long enough to
guess from (48 bytes), charset-normalizer's guess; then the charset the rest of the message
uses (MessageText); then windows-1252. A short piece of undeclared 8-bit text (a subject of a
few words, a name) is thus read in the charset of the message it came in.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter

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


def decode(data: bytes, declared: str | None = None, context: MessageText | None = None) -> str:
    """Decode with the declared charset; if it is unknown or wrong, UTF-8, then a guess.

    `context` is the message the bytes come from, for short text that cannot be guessed on
    its own. Never raises: the last resort replaces what cannot be decoded.
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
    hinted = context.decode(data) if context is not None else None
    if hinted is not None:
        return hinted
    # Mail that claims UTF-8 (or nothing) but is not is nearly always windows-1252; a
    # multi-byte charset with a few broken bytes is best read in that charset.
    fallback = "cp1252" if codec in (None, "utf-8", "ascii") else codec
    return data.decode(fallback, errors="replace")


_GUESS_MIN_BYTES = 48


def _guess(data: bytes) -> str | None:
    """charset-normalizer's guess, when the text is long enough to guess from.

    Short snippets (a name, a subject) get wild guesses; they are read in the charset of
    their message instead (MessageText), else in windows-1252, the charset most mislabelled
    Western mail is really in.
    """
    encoding = _guess_encoding(data)
    if encoding is None:
        return None
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _guess_encoding(data: bytes) -> str | None:
    if len(data) < _GUESS_MIN_BYTES:
        return None
    from charset_normalizer import from_bytes

    best = from_bytes(data[:65536]).best()
    if best is None or best.encoding.startswith(("utf_16", "utf_32")):
        return None
    return best.encoding


_DECLARED = re.compile(
    rb"""(?:charset\s*=\s*["']?|=\?)([A-Za-z0-9._:-]{2,40})(?=["';\s?*]|$)""", re.IGNORECASE
)
_EIGHT_BIT_LINE = re.compile(rb"^[^\n]*[\x80-\xff][^\n]*$", re.MULTILINE)
_UNICODE = ("utf-8", "utf-7", "utf-16", "utf-32", "ascii")


class MessageText:
    """The charset the whole message writes in, for its short undeclared 8-bit text.

    A charset declared somewhere in the message (a part's Content-Type, an encoded word)
    other than ASCII or a Unicode one comes first: the sender's client wrote everything in
    it. Else charset-normalizer guesses from all the message's raw 8-bit lines together.
    Worked out once, and only when some text needs it.
    """

    def __init__(self, raw: bytes) -> None:
        self._raw = raw
        self._charset: str | None = None
        self._known = False

    @property
    def charset(self) -> str | None:
        if not self._known:
            self._charset = self._declared() or self._guessed()
            self._known = True
        return self._charset

    def decode(self, data: bytes) -> str | None:
        """`data` in the message's charset; None when there is none or it does not fit."""
        charset = self.charset
        if charset is None:
            return None
        try:
            return data.decode(charset)
        except (UnicodeDecodeError, LookupError):
            return None

    def _declared(self) -> str | None:
        found = Counter(_codec(m.decode("ascii")) for m in _DECLARED.findall(self._raw))
        for codec, _ in found.most_common():
            if codec and not codec.startswith(_UNICODE):
                return codec
        return None

    def _guessed(self) -> str | None:
        eight_bit = b"\n".join(_EIGHT_BIT_LINE.findall(self._raw[:1048576]))
        return _guess_encoding(eight_bit)


def fix_8bit(value: str, context: MessageText | None = None) -> str:
    """Header text parsed from raw 8-bit bytes carries surrogate escapes: decode them."""
    if value.isascii() or not any("\udc80" <= ch <= "\udcff" for ch in value):
        return value
    return decode(value.encode("ascii", "surrogateescape"), context=context)
