"""The portal's settings: defaults, and bad values reported by `sunrelay check`."""

from __future__ import annotations

import json
import os
import subprocess
import sys

NAMES = [
    "PORTAL_LINK_MINUTES",
    "PORTAL_CONFIRM_HOURS",
    "PORTAL_SESSION_DAYS",
    "PORTAL_LIMIT_PER_ADDRESS",
    "PORTAL_LIMIT_PER_IP",
    "PORTAL_FORM_MIN_SECONDS",
    "PORTAL_FRAME_ANCESTORS",
]


def portal_settings(**env) -> tuple[dict, list[str]]:
    code = (
        "import json, sunrelay.settings as s; print(json.dumps(["
        f"{{n: getattr(s, n) for n in {NAMES!r}}}, "
        "[e for e in s.CONFIG_ERRORS if 'PORTAL' in e]]))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SUNRELAY_PORTAL_")}
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    values, errors = json.loads(out)
    return values, errors


def test_the_defaults():
    assert portal_settings() == (
        {
            "PORTAL_LINK_MINUTES": 30,
            "PORTAL_CONFIRM_HOURS": 24,
            "PORTAL_SESSION_DAYS": 14,
            "PORTAL_LIMIT_PER_ADDRESS": 5,
            "PORTAL_LIMIT_PER_IP": 20,
            "PORTAL_FORM_MIN_SECONDS": 3,
            "PORTAL_FRAME_ANCESTORS": [],
        },
        [],
    )


def test_frame_ancestors_must_be_origins():
    values, errors = portal_settings(
        SUNRELAY_PORTAL_FRAME_ANCESTORS="https://www.example.com, https://*.example.org:8443,"
        " example.net, https://x.test/path, 'none'"
    )
    assert values["PORTAL_FRAME_ANCESTORS"] == [
        "https://www.example.com",
        "https://*.example.org:8443",
    ]
    assert len(errors) == 1
    assert "'example.net', 'https://x.test/path', \"'none'\" are not origins" in errors[0]


def test_bad_numbers_are_reported_and_not_used():
    values, errors = portal_settings(
        SUNRELAY_PORTAL_LINK_MINUTES="0", SUNRELAY_PORTAL_FORM_MIN_SECONDS="-1"
    )
    assert values["PORTAL_LINK_MINUTES"] == 30 and values["PORTAL_FORM_MIN_SECONDS"] == 3
    assert len(errors) == 2
