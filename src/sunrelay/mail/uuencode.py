"""Files that old mail clients put in the body as uuencoded blocks, pulled out as attachments."""

from __future__ import annotations

import binascii
import mimetypes
import re
from collections.abc import Callable

_BLOCK = re.compile(r"^begin [0-7]{3,4} ([^\r\n]+)\r?\n(.*?)^end[ \t]*$", re.MULTILINE | re.DOTALL)


def decode_block(lines: str) -> bytes | None:
    """The bytes of a uuencoded block's lines; None when it is not uuencode after all.

    Lenient line by line, as Python's uu codec was: a line some encoder padded or ended with
    a checksum is read up to the length its first character announces.
    """
    data = bytearray()
    for line in lines.splitlines():
        if line.strip() in ("", "`"):
            continue
        try:
            encoded = line.encode("ascii")
        except UnicodeEncodeError:
            return None
        try:
            data += binascii.a2b_uu(encoded)
            continue
        except binascii.Error:
            pass
        try:
            data += binascii.a2b_uu(encoded[: (((encoded[0] - 32) & 63) * 4 + 5) // 3])
        except binascii.Error:
            return None
    return bytes(data)


def extract(text: str, make: Callable[[str, str, bytes, int], object]) -> tuple[str, list]:
    """`text` with each uuencoded block replaced by "[attachment: NAME]", and the files made
    by `make(name, content_type, data, index)`."""
    if "begin " not in text:
        return text, []
    found: list = []

    def replace(match: re.Match) -> str:
        name = match.group(1).strip()
        data = decode_block(match.group(2))
        if data is None:
            return match.group(0)
        ctype = mimetypes.guess_type(name)[0] or "application/octet-stream"
        found.append(make(name, ctype, data, len(found) + 1))
        return f"[attachment: {name}]"

    return _BLOCK.sub(replace, text), found
