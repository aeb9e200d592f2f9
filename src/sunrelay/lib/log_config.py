"""How Sunrelay logs (docs/operations.md, "Monitor"; docs/configuration.md): to the console,
as lines of text or, with SUNRELAY_LOG_FORMAT=json, one JSON object per line (time, level,
logger, message, and the exception's traceback when there is one) for a log shipper.

Secrets are never logged: every record passes lib.log_redact first, whichever format."""

from __future__ import annotations

from sunrelay.lib.env import envstr

FORMATS = ("plain", "json")
FIELDS = "%(asctime)s %(levelname)s %(name)s %(message)s"


def logging_config(errors: list[str]) -> dict:
    """Django's LOGGING; a bad SUNRELAY_LOG_FORMAT is appended to `errors` in words."""
    chosen = envstr("SUNRELAY_LOG_FORMAT", "plain").strip().lower()
    if chosen not in FORMATS:
        errors.append(f"SUNRELAY_LOG_FORMAT is “{chosen}”: it is plain or json.")
        chosen = "plain"
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"redact": {"()": "sunrelay.lib.log_redact.RedactSecrets"}},
        "formatters": {
            "plain": {"format": FIELDS},
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": FIELDS,
                "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
                "datefmt": "%Y-%m-%dT%H:%M:%S%z",
            },
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": chosen,
                "filters": ["redact"],
            }
        },
        "root": {"handlers": ["console"], "level": envstr("SUNRELAY_LOG_LEVEL", "INFO")},
        # django-axes says "deleted 0 failed attempts" at every log-in; its warnings are the news.
        "loggers": {"axes": {"level": "WARNING"}},
    }
