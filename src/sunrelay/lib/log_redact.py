"""Secrets never reach the logs: a logging filter that blanks them out of every record's
message and traceback before any formatter sees it.

What counts as a secret: the value of every setting whose name says SECRET, PASSWORD or
TOKEN (the secret key, relay and IMAP passwords, the trackers' webhook secrets, the metrics
token) at least 8 characters long, and anything that looks like a credential in words
(`Authorization: Bearer …`, `password=…`, `token=…`, `secret=…`)."""

from __future__ import annotations

import logging
import re

from django.conf import settings

MASK = "[redacted]"
SECRET_NAMES = ("SECRET", "PASSWORD", "TOKEN")
# Settings that name a secret's field or header rather than hold one (AXES_PASSWORD_FORM_FIELD).
NOT_VALUES = ("_FIELD", "_HEADER", "_NAME")
MIN_LENGTH = 8
IN_WORDS = re.compile(
    r"(?i)(bearer\s+|(?:password|passwd|token|secret|api[_-]?key)\s*[=:]\s*)"
    r"([^\s&,;\"']+)"
)


def _secrets() -> list[str]:
    if not settings.configured:
        return []
    values = []
    for name in dir(settings):
        if name.endswith(NOT_VALUES) or not name.isupper():
            continue
        if any(word in name for word in SECRET_NAMES):
            value = getattr(settings, name, None)
            if isinstance(value, str) and len(value) >= MIN_LENGTH:
                values.append(value)
    return sorted(values, key=len, reverse=True)


def redact(text: str) -> str:
    text = IN_WORDS.sub(lambda m: m.group(1) + MASK, text)
    for secret in _secrets():
        text = text.replace(secret, MASK)
    return text


class RedactSecrets(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = redact(record.getMessage()), None
        if record.exc_info:
            text = logging.Formatter().formatException(record.exc_info)
            record.exc_info, record.exc_text = None, redact(text)
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True
