"""Where the quoted part of a reply (and the signature) starts, so the UI can fold it away.

The text is never changed: callers show text[:boundary] and fold text[boundary:].
Handles the reply styles of Gmail and Apple Mail ("On ... wrote:"), Thunderbird ("... wrote:"
above "> " lines), Outlook ("-----Original Message-----", the "From: / Sent:" block, the
underscore rule) and the "-- " signature delimiter. A detector of our own rather than a
library: the patterns are few and Outlook's header block is what most libraries miss.
"""

from __future__ import annotations

import re

_ATTRIBUTION = re.compile(
    r"^\s*(On\b.{0,200}\b(wrote|writes)|Le\b.{0,200}a écrit|Am\b.{0,200}schrieb|"
    r"El\b.{0,200}escribió|Il\b.{0,200}ha scritto|Op\b.{0,200}schreef|.{1,200}\bwrote)\s*:\s*$",
    re.IGNORECASE,
)
_OUTLOOK_RULES = re.compile(
    r"^\s*(-{2,}\s*(Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original)"
    r"\s*-{2,}|_{20,})\s*$",
    re.IGNORECASE,
)
_OUTLOOK_FROM = re.compile(r"^\s*\**(From|De|Von|Van)\s*:\**\s+\S", re.IGNORECASE)
_OUTLOOK_NEXT = re.compile(r"^\s*\**(Sent|Date|Envoyé|Gesendet|Enviado|To|Subject)\s*:", re.I)
_SIGNATURE = re.compile(r"^-- ?$")
_FORWARD = re.compile(r"^\s*-{2,}\s*Forwarded message\s*-{2,}\s*$", re.IGNORECASE)


def fold_boundary(text: str) -> int | None:
    """Character offset where quoted text or the signature begins; None if nothing to fold.

    Only a tail is folded: a quote followed by more of the sender's own writing (an inline
    answer) stays visible. Forwarded messages are content and are never folded.
    """
    if not text:
        return None
    lines = text.splitlines(keepends=True)
    offsets = []
    position = 0
    for line in lines:
        offsets.append(position)
        position += len(line)
    bare = [line.rstrip("\r\n") for line in lines]
    for i, line in enumerate(bare):
        if _FORWARD.match(line):
            return None
        start = _quote_start(bare, i)
        if start is None:
            continue
        if not any(b.strip() for b in bare[:i]):
            return None  # nothing of the sender's own above it: show everything
        if start in ("signature", "rule", "outlook") or _is_tail(bare, i, start):
            return offsets[i]
    return None


def _quote_start(bare: list[str], i: int):
    line = bare[i]
    if _SIGNATURE.match(line):
        return "signature"
    if _OUTLOOK_RULES.match(line):
        return "rule"
    if _OUTLOOK_FROM.match(line) and any(_OUTLOOK_NEXT.match(b) for b in bare[i + 1 : i + 4]):
        return "outlook"
    if _ATTRIBUTION.match(line) or (
        i + 1 < len(bare)
        and _ATTRIBUTION.match(line + " " + bare[i + 1].strip())
        and line.lstrip().lower().startswith(("on ", "le ", "am ", "el "))
    ):
        return "attribution"
    if line.startswith(">"):
        return "quote"
    return None


def _is_tail(bare: list[str], i: int, start: str) -> bool:
    """True when nothing after line i is the sender's own unquoted writing."""
    rest = bare[i:] if start == "quote" else bare[i + 1 :]
    seen_quote = start == "quote"
    for line in rest:
        if not line.strip():
            continue
        if line.startswith(">"):
            seen_quote = True
            continue
        if _SIGNATURE.match(line):
            return True
        # Unquoted text after an attribution with no "> " lines: a top-posted reply quoted
        # without markers (the whole tail is the old message). After "> " lines: an inline
        # answer, which stays visible.
        return not seen_quote
    return True
