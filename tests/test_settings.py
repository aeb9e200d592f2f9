"""Each worker queue's lease comes from the environment; a value that is not a positive whole
number is reported by `sunrelay check`, and the default is used meanwhile."""

from __future__ import annotations

import json
import os
import subprocess
import sys

LEASES = {
    "SUNRELAY_INBOUND_LEASE_SECONDS": "MAIL_INBOUND_LEASE_SECONDS",
    "SUNRELAY_OUTBOX_LEASE_SECONDS": "MAIL_OUTBOX_LEASE_SECONDS",
    "SUNRELAY_PAGING_LEASE_SECONDS": "PAGING_LEASE_SECONDS",
    "SUNRELAY_WEBHOOK_LEASE_SECONDS": "PAGING_WEBHOOK_LEASE_SECONDS",
}


def leases_with(**env) -> tuple[dict[str, int], list[str]]:
    code = (
        "import json, sunrelay.settings as s; print(json.dumps(["
        f"{{n: getattr(s, n) for n in {list(LEASES.values())!r}}}, "
        "[e for e in s.CONFIG_ERRORS if 'LEASE' in e]]))"
    )
    clean = {k: v for k, v in os.environ.items() if k not in LEASES}
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    values, errors = json.loads(out)
    return values, errors


def test_the_leases_default_to_five_ten_two_and_two_minutes():
    assert leases_with() == (
        {
            "MAIL_INBOUND_LEASE_SECONDS": 300,
            "MAIL_OUTBOX_LEASE_SECONDS": 600,
            "PAGING_LEASE_SECONDS": 120,
            "PAGING_WEBHOOK_LEASE_SECONDS": 120,
        },
        [],
    )


def test_each_lease_is_read_from_its_own_variable():
    values, errors = leases_with(**{name: str(90 + i) for i, name in enumerate(LEASES)})
    assert values == {setting: 90 + i for i, setting in enumerate(LEASES.values())}
    assert errors == []


def test_a_lease_that_is_not_a_positive_whole_number_is_reported_and_not_used():
    values, errors = leases_with(
        SUNRELAY_INBOUND_LEASE_SECONDS="0",
        SUNRELAY_OUTBOX_LEASE_SECONDS="-5",
        SUNRELAY_PAGING_LEASE_SECONDS="2m",
        SUNRELAY_WEBHOOK_LEASE_SECONDS="1.5",
    )
    assert values == {
        "MAIL_INBOUND_LEASE_SECONDS": 300,
        "MAIL_OUTBOX_LEASE_SECONDS": 600,
        "PAGING_LEASE_SECONDS": 120,
        "PAGING_WEBHOOK_LEASE_SECONDS": 120,
    }
    assert errors == [
        "SUNRELAY_INBOUND_LEASE_SECONDS must be a positive whole number, not 0.",
        "SUNRELAY_OUTBOX_LEASE_SECONDS must be a positive whole number, not -5.",
        "SUNRELAY_PAGING_LEASE_SECONDS must be a whole number, not '2m'",
        "SUNRELAY_WEBHOOK_LEASE_SECONDS must be a whole number, not '1.5'",
    ]
