"""The web form's signed token: which visit this is, when the form was drawn and for whom.

It carries the time check (a form sent sooner than SUNRELAY_PORTAL_FORM_MIN_SECONDS after it
was drawn came from a robot) and ties a signed-in contact's submission to a form drawn for
that contact on our own page: another site can neither read nor forge it, which is what
lets the form go without a CSRF cookie (see portal.form_views).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core import signing
from django.utils import timezone

SALT = "sunrelay.portal.form"
# A form left open longer than this is drawn again (the text kept): its time check is stale.
MAX_AGE = timedelta(days=1)


class BadForm(Exception):
    """The form cannot be accepted as sent; the message says why and what to do. `redraw`:
    the token itself is unusable (damaged, too old), so the form needs a new one."""

    def __init__(self, message: str, *, redraw: bool = False) -> None:
        super().__init__(message)
        self.redraw = redraw


@dataclass(frozen=True)
class FormToken:
    visit_key: str
    issued_at: datetime
    contact_id: int | None


def issue(contact=None, *, now: datetime | None = None) -> str:
    now = now or timezone.now()
    payload = {
        "v": secrets.token_hex(16),
        "t": int(now.timestamp()),
        "c": contact.pk if contact else 0,
    }
    return signing.dumps(payload, salt=SALT)


def read(raw: str) -> FormToken:
    """The token's content, whatever its age; BadForm when it was not issued by us."""
    try:
        payload = signing.loads(raw or "", salt=SALT)
        return FormToken(
            visit_key=str(payload["v"])[:32],
            issued_at=datetime.fromtimestamp(int(payload["t"]), tz=UTC),
            contact_id=int(payload["c"]) or None,
        )
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise BadForm(
            "This form was damaged on its way. Check it and send it again.", redraw=True
        ) from None


def check_timing(token: FormToken, now: datetime | None = None) -> None:
    """Refuse a form sent faster than a person types, or drawn too long ago."""
    elapsed = (now or timezone.now()) - token.issued_at
    if elapsed < timedelta(seconds=settings.PORTAL_FORM_MIN_SECONDS):
        raise BadForm(
            "That was faster than a person can fill in the form, so it looks like spam. "
            "Wait a few seconds and send it again."
        )
    if elapsed > MAX_AGE:
        raise BadForm(
            "This form was opened more than a day ago. Check it and send it again.", redraw=True
        )
