"""Pages work under the Content-Security-Policy in a real browser: the page fixture fails a
test on any script error or any refusal Chromium reports (tests/e2e/conftest.py)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from tests.e2e.data import build_desk
from tests.e2e.test_workspace import expect, log_in, ready
from tests.schedule.builders import make_rotation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_workspace_runs_under_the_policy(page, transactional_db):
    desk = build_desk()
    main = desk["main"]
    alba = User.objects.get(username="alba")
    rotation = make_rotation("Enterprise on call", layers=[{"people": [alba]}])
    response = page.goto("/login/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    log_in(page, "alba")
    for url in ("/desk/queues/open/", f"/desk/tickets/{main.pk}/", "/desk/coverage/",
                f"/desk/rotations/{rotation.pk}/"):  # fmt: skip
        page.goto(url)
        ready(page)
    # The rotation's bars are placed by style attributes, which the policy allows.
    bar = page.locator(".track .bar").first
    assert bar.evaluate("el => getComputedStyle(el).left") != "auto"
    # A calendar feed's address selects itself on focus (no inline handler).
    page.goto("/desk/rotations/")
    page.get_by_role("button", name="Subscribe in a calendar app").click()
    field = page.locator("[data-select-on-focus]")
    field.focus()
    assert field.evaluate("el => el.selectionEnd - el.selectionStart") == len(field.input_value())


def test_the_api_docs_run_under_the_policy(page, transactional_db):
    page.goto("/api/v1/docs")
    # Swagger UI parses 1.5 MB of script first: allow a busy machine its time.
    title = page.locator(".swagger-ui .info .title")
    expect(title).to_contain_text("Sunrelay API", timeout=30_000)
