"""Logs: SUNRELAY_LOG_FORMAT=json writes one JSON object a line; secrets (settings' and
credentials in words) are blanked out in both formats, tracebacks included."""

from __future__ import annotations

import io
import json
import logging
import logging.config

import pytest
from django.conf import settings as django_settings

from sunrelay.lib.log_config import logging_config

TOKEN = "metrics-token-0123456789abcdef"


@pytest.fixture
def log(settings, monkeypatch):
    settings.METRICS_TOKEN = TOKEN
    stream = io.StringIO()

    def configure(fmt: str) -> logging.Logger:
        monkeypatch.setenv("SUNRELAY_LOG_FORMAT", fmt)
        errors: list[str] = []
        config = logging_config(errors)
        config["handlers"]["console"]["stream"] = stream
        logging.config.dictConfig(config)
        return logging.getLogger("sunrelay.test")

    yield configure, stream
    logging.config.dictConfig(django_settings.LOGGING)


def test_json_logs_are_one_object_a_line_without_secrets(log):
    configure, stream = log
    logger = configure("json")
    logger.warning("Scrape with %s failed", TOKEN)
    logger.info("Relay login password=hunter2hunter2 refused")
    try:
        raise RuntimeError(f"Authorization: Bearer {TOKEN}")
    except RuntimeError:
        logger.exception("Delivery crashed")
    lines = stream.getvalue().splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["level"] for r in records] == ["WARNING", "INFO", "ERROR"]
    assert records[0]["logger"] == "sunrelay.test" and "time" in records[0]
    assert records[0]["message"] == "Scrape with [redacted] failed"
    assert "hunter2" not in lines[1] and "password=[redacted]" in records[1]["message"]
    assert "RuntimeError" in records[2]["exc_info"]
    assert TOKEN not in stream.getvalue()


def test_plain_logs_are_redacted_too(log):
    configure, stream = log
    configure("plain").error("token=%s", TOKEN)
    assert "token=[redacted]" in stream.getvalue() and TOKEN not in stream.getvalue()


def test_an_unknown_format_is_a_configuration_error(monkeypatch):
    monkeypatch.setenv("SUNRELAY_LOG_FORMAT", "xml")
    errors: list[str] = []
    assert logging_config(errors)["handlers"]["console"]["formatter"] == "plain"
    assert errors == ["SUNRELAY_LOG_FORMAT is “xml”: it is plain or json."]
