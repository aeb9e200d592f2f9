"""Browser-facing hardening (fault 12): a Content-Security-Policy without inline script on
every HTML page, HSTS and the proxy's HTTPS header when configured, sessions that end after
hours of inactivity, and 404 for files of tickets one may not see."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import time_machine
from django.test import Client
from django.utils import timezone

SRC = Path(__file__).resolve().parents[2] / "src" / "sunrelay"


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


def test_html_pages_carry_a_policy_without_inline_script(client, agent, ticket):
    client.force_login(agent)
    for url in ("/login/", "/desk/", f"/desk/tickets/{ticket.pk}/", "/api/v1/docs"):
        response = client.get(url, follow=True)
        rules = policy(response)
        assert rules["script-src"] == ["'self'"], url
        assert rules["default-src"] == ["'self'"]
        assert rules["frame-ancestors"] == ["'none'"]
        assert rules["object-src"] == ["'none'"]
        assert "'unsafe-inline'" not in rules.get("style-src", [])


def test_no_template_holds_inline_script(db):
    inline = re.compile(
        r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")|\son[a-z]+=|javascript:",
        re.IGNORECASE,
    )
    found = [
        f"{path.relative_to(SRC)}: {match.group(0)}"
        for path in SRC.rglob("templates/**/*.html")
        for match in inline.finditer(path.read_text())
    ]
    assert found == []


def settings_with(**env) -> dict:
    names = ["SECURE_HSTS_SECONDS", "SECURE_PROXY_SSL_HEADER", "SESSION_COOKIE_SECURE",
             "CSRF_COOKIE_SECURE", "SESSION_COOKIE_AGE", "CONFIG_ERRORS"]  # fmt: skip
    code = f"import json, sunrelay.settings as s; print(json.dumps({{n: getattr(s, n) for n in {names!r}}}))"
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SUNRELAY_")}
    clean["SUNRELAY_DATA_DIR"] = os.environ.get("SUNRELAY_DATA_DIR", str(SRC.parents[1] / "var"))
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out)


def test_plain_http_by_default():
    values = settings_with()
    assert values["SECURE_HSTS_SECONDS"] == 0
    assert values["SECURE_PROXY_SSL_HEADER"] is None
    assert values["SESSION_COOKIE_SECURE"] is False
    assert values["SESSION_COOKIE_AGE"] == 12 * 3600


def test_https_turns_on_hsts_and_secure_cookies():
    values = settings_with(SUNRELAY_HTTPS="true", SUNRELAY_PROXY_SSL_HEADER="X-Forwarded-Proto")
    assert values["SECURE_HSTS_SECONDS"] == 365 * 24 * 3600
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["CONFIG_ERRORS"] == []


def test_bad_security_values_are_reported():
    values = settings_with(SUNRELAY_SESSION_HOURS="0", SUNRELAY_PROXY_SSL_HEADER="X Bad")
    assert any("SUNRELAY_SESSION_HOURS" in e for e in values["CONFIG_ERRORS"])
    assert any("SUNRELAY_PROXY_SSL_HEADER" in e for e in values["CONFIG_ERRORS"])


def test_hsts_is_sent_on_requests_the_proxy_says_are_https(db, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    response = Client().get("/login/", headers={"X-Forwarded-Proto": "https"})
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "Strict-Transport-Security" not in Client().get("/login/")


def test_a_session_ends_after_twelve_idle_hours_and_lives_while_used(agent):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client = Client()
        client.force_login(agent)
        for _ in range(5):  # a long working day and night, never idle for long
            clock.shift(timedelta(hours=6))
            assert client.get("/desk/").status_code == 200
        clock.shift(timedelta(hours=12, minutes=1))
        response = client.get("/desk/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_files_of_tickets_one_may_not_see_are_not_found(sales, contact):
    from sunrelay.api.tokens import create_token
    from tests.factories import make_staff
    from tests.mail.test_views import attachment_of

    pdf = attachment_of("011-rfc2231-filename.eml", "Résumé Q3.pdf")
    stranger = make_staff("otto", roles=["sales"])
    client = Client()
    client.force_login(stranger)
    assert client.get(f"/mail/attachments/{pdf.pk}/").status_code == 404
    token = create_token(stranger, "tests")[1]
    api = Client(headers={"Authorization": f"Bearer {token}"})
    assert api.get(f"/api/v1/attachments/{pdf.pk}").status_code == 404


def test_api_tokens_never_open_a_session(lead):
    from django.contrib.sessions.models import Session

    from sunrelay.api.tokens import create_token

    token = create_token(lead, "tests")[1]
    response = Client(headers={"Authorization": f"Bearer {token}"}).get("/api/v1/tickets")
    assert response.status_code == 200
    assert "sessionid" not in response.cookies
    assert Session.objects.count() == 0
