"""Values bound for e-mail headers: one line each, and MIME types as RFC 2045 spells them.

A line break in a header value would let whoever wrote it add headers of their own (a Bcc to
anyone); Python's email package refuses such a value, but only when the message is put
together, long after the value was stored. So values are checked where they come in:

- subjects: desk.lifecycle.clean_subject (every ticket, whatever its source);
- account and contact names: their model fields (validate_one_line), so accounts.services
  and the admin both refuse them;
- the content type of a file sent with a reply: mail.attachments.add_attachment;
- file names are made safe rather than refused (mail.parts.safe_filename: they also come
  from strangers' mail), and staff names are written through lib.formatting.person.

The subjects of queued mail pass through one_line() (mail.notify; a reply's subject through
mail.tags.strip_tag), so a value stored before these checks cannot stop the outbox either.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

# RFC 2045 section 5.1: token := 1*<any US-ASCII CHAR except SPACE, CTLs, or tspecials>.
_RESTRICTED_NAME = r"[!#$%&'*+\-.^_`{|}~0-9A-Za-z]+"
_MIME_TYPE = re.compile(rf"{_RESTRICTED_NAME}/{_RESTRICTED_NAME}")
# RFC 6838 section 4.2 allows 127 characters for each half; we store 127 for the whole.
MAX_MIME_TYPE_LENGTH = 127


def is_one_line(value: str) -> bool:
    """True when `value` holds none of the line breaks str.splitlines() knows (the same test
    the email package applies): CR, LF, VT, FF, FS, GS, RS, NEL, LS, PS."""
    return not value or value.splitlines() == [value]


def check_one_line(value: str, field: str, what: str) -> None:
    """Refuse `value` for `field` unless it is one line; `what` names it in the message."""
    if not is_one_line(value):
        raise ValidationError({field: f"{what} must be one line: it holds a line break."})


def validate_one_line(value: str) -> None:
    """A model field validator (names): the same rule, in the field's own error list."""
    if not is_one_line(value):
        raise ValidationError("This must be one line: it holds a line break.", code="line_break")


def one_line(value: str) -> str:
    """`value` with every line break (and the spaces around it) turned into one space."""
    if is_one_line(value):
        return value
    return " ".join(part.strip() for part in value.splitlines() if part.strip())


def mime_type(value: str, field: str, what: str) -> str:
    """`value` as a lower-case "type/subtype", or a ValidationError for `field` in words.

    Parameters (";charset=…") are refused too: a file's type is only ever sent as type/subtype.
    """
    if len(value or "") > MAX_MIME_TYPE_LENGTH:
        raise ValidationError(
            {
                field: f"{what} has a content type of {len(value):,} characters; at most "
                f"{MAX_MIME_TYPE_LENGTH} fit."
            }
        )
    if not _MIME_TYPE.fullmatch(value or ""):
        shown = " ".join((value or "").split())[:80]
        raise ValidationError(
            {
                field: f"{what} has the content type “{shown}”, which is not a MIME type: "
                "it must read type/subtype, such as text/plain or application/pdf "
                "(letters, digits and !#$%&'*+-.^_`{|}~, no spaces)."
            }
        )
    return value.lower()
