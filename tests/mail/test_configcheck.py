"""`sunrelay check` explains bad mail settings in plain words and never prints passwords."""

from __future__ import annotations

import pytest

from tests.web.test_configcheck import run_check


@pytest.mark.parametrize(
    ("env", "said"),
    [
        ({"SUNRELAY_SUPPORT_ADDRESSES": "support"}, "is not an e-mail address"),
        ({"SUNRELAY_SMTP_PORT": "99999"}, "SUNRELAY_SMTP_PORT must be between 1 and 65535"),
        ({"SUNRELAY_TICKET_TAG": "#"}, "must contain {id} exactly once"),
        ({"SUNRELAY_SMTP_RELAY_TLS": "maybe"}, "must be none, starttls or ssl"),
        (
            {"SUNRELAY_MAX_MESSAGE_BYTES": "lots"},
            "SUNRELAY_MAX_MESSAGE_BYTES must be a whole number",
        ),
        (
            {"SUNRELAY_IMAP_HOST": "imap.example.test", "SUNRELAY_IMAP_PASSWORD": "hunter2pw"},
            "SUNRELAY_IMAP_USER and SUNRELAY_IMAP_PASSWORD are needed",
        ),
        (
            {"SUNRELAY_SMTP_RELAY_USER": "u", "SUNRELAY_SMTP_RELAY_PASSWORD": ""},
            "SUNRELAY_SMTP_RELAY_PASSWORD is empty",
        ),
    ],
)
def test_check_explains_mail_misconfiguration(tmp_path, env, said):
    result = run_check(SUNRELAY_DATA_DIR=str(tmp_path), **env)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert said in output
    assert "hunter2pw" not in output


def test_check_warns_when_replies_are_only_written_to_files(tmp_path):
    result = run_check(SUNRELAY_DATA_DIR=str(tmp_path), SUNRELAY_SMTP_RELAY_PASSWORD="s3cret-relay")
    assert "replies are not e-mailed but written as .eml files" in result.stdout
    assert "s3cret-relay" not in result.stdout + result.stderr
