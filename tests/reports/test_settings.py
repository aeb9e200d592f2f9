"""The reports' settings come from the environment; bad values are reported by
`sunrelay check`, never silently used."""

from __future__ import annotations

import json
import os
import subprocess
import sys


def settings_with(**env) -> dict:
    code = (
        "import json, sunrelay.settings as s; print(json.dumps([s.REPORT_TIME_ZONE, "
        "s.REPORT_WEEKDAY, s.REPORT_HOUR, s.REPORT_RECIPIENTS, s.REPORT_KEY_TIERS, "
        "[e for e in s.CONFIG_ERRORS if 'REPORT' in e]]))"
    )
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    zone, day, hour, recipients, tiers, errors = json.loads(out)
    return {
        "zone": zone,
        "day": day,
        "hour": hour,
        "to": recipients,
        "tiers": tiers,
        "errors": errors,
    }


def test_good_values_are_taken():
    found = settings_with(
        SUNRELAY_REPORT_TIME_ZONE="Europe/Madrid",
        SUNRELAY_REPORT_WEEKDAY="Tuesday",
        SUNRELAY_REPORT_HOUR="9",
        SUNRELAY_REPORT_RECIPIENTS="lead@example.test, cto@example.test",
        SUNRELAY_REPORT_KEY_TIERS="enterprise",
    )
    assert found == {
        "zone": "Europe/Madrid",
        "day": "tuesday",
        "hour": 9,
        "to": ["lead@example.test", "cto@example.test"],
        "tiers": ["enterprise"],
        "errors": [],
    }


def test_bad_values_fall_back_and_are_reported():
    found = settings_with(
        SUNRELAY_REPORT_TIME_ZONE="CET",
        SUNRELAY_REPORT_WEEKDAY="someday",
        SUNRELAY_REPORT_HOUR="25",
    )
    assert (found["zone"], found["day"], found["hour"]) == ("UTC", "monday", 8)
    assert len(found["errors"]) == 3
