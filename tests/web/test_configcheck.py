from __future__ import annotations

import os
import subprocess
import sys

import pytest


def run_check(**env):
    return subprocess.run(
        [sys.executable, "-m", "sunrelay.cli", "check"],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("env", "said"),
    [
        ({"DATABASE_URL": "mysql://u:secretpw@db/x"}, "Sunrelay supports sqlite"),
        ({"DATABASE_URL": "nonsense"}, "is not a database URL"),
        ({"SUNRELAY_DEBUG": "maybe"}, "SUNRELAY_DEBUG must be true or false"),
        ({"SUNRELAY_PORT": "eighty"}, "SUNRELAY_PORT must be a whole number"),
        (
            {"SUNRELAY_OUTBOX_LEASE_SECONDS": "0"},
            "SUNRELAY_OUTBOX_LEASE_SECONDS must be a positive whole number, not 0",
        ),
        (
            {"DATABASE_URL": "postgres://u:secretpw@127.0.0.1:9/x"},
            "Cannot connect to the PostgreSQL database",
        ),
    ],
)
def test_check_explains_misconfiguration_in_plain_words(tmp_path, env, said):
    result = run_check(SUNRELAY_DATA_DIR=str(tmp_path), **env)
    assert result.returncode != 0
    assert said in result.stdout + result.stderr
    assert "secretpw" not in result.stdout + result.stderr


@pytest.mark.parametrize("name", ["CET", "EST", "EST5EDT", "Etc/GMT+5", "Mars/Olympus"])
def test_legacy_and_unknown_time_zone_names_are_refused(name):
    from django.core.exceptions import ValidationError

    from sunrelay.lib.timezones import validate_time_zone

    with pytest.raises(ValidationError):
        validate_time_zone(name)


@pytest.mark.parametrize(
    "name", ["UTC", "Europe/Madrid", "America/Denver", "America/Argentina/Buenos_Aires"]
)
def test_region_city_time_zone_names_are_accepted(name):
    from sunrelay.lib.timezones import validate_time_zone

    validate_time_zone(name)


def test_it_warns_of_public_domains_stored_on_an_account(db, account):
    from sunrelay.accounts.models import AccountDomain
    from sunrelay.web.configcheck import findings

    AccountDomain.objects.create(account=account, domain="co.uk")  # stored before the rule
    texts = [f.text for f in findings() if f.level == "warning"]
    assert any(
        t.startswith("Account Acme Maps has the domain co.uk is a public suffix") for t in texts
    )
    assert not any("acme.test" in t for t in texts)
