"""The ticket tag in subjects: `[#123]` by default, set by SUNRELAY_TICKET_TAG."""

from __future__ import annotations

import re
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _pattern(template: str) -> re.Pattern:
    before, _, after = template.partition("{id}")
    return re.compile(re.escape(before) + r"\s*(\d{1,12})\s*" + re.escape(after), re.IGNORECASE)


def tag_for(ticket_id: int) -> str:
    return settings.MAIL_TICKET_TAG.replace("{id}", str(ticket_id))


def find_tag(subject: str) -> int | None:
    match = _pattern(settings.MAIL_TICKET_TAG).search(subject or "")
    return int(match.group(1)) if match else None


def strip_tag(subject: str) -> str:
    return " ".join(_pattern(settings.MAIL_TICKET_TAG).sub(" ", subject or "").split())


def valid_template(template: str) -> bool:
    return template.count("{id}") == 1 and bool(template.replace("{id}", "").strip())
