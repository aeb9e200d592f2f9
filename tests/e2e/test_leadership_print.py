"""The leadership report prints on two A4 pages: the demo's last quarter rendered to PDF by
Chromium, its pages counted."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client

from tests.demo.conftest import SMALL_ARGS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _logged_in(page, live_server, username: str) -> None:
    client = Client()
    client.force_login(User.objects.get(username=username))
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_the_demos_quarter_prints_on_two_pages_with_its_references(page, live_server):
    call_command("demo", *SMALL_ARGS, "--quiet", stdout=StringIO())
    _logged_in(page, live_server, "marta")
    page.goto("/desk/reports/leadership/?kind=quarter&period=2025-Q1")
    assert "Leadership report: " in page.locator("h1").inner_text()
    assert page.locator("section.leadership-section").count() >= 10
    # Every figure's row carries the quarter before as its reference.
    assert "2024-Q4" in page.locator("section.leadership-section thead").first.inner_text()
    pdf = page.pdf(format="A4", print_background=False)
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert 1 <= pages <= 2, f"{pages} printed pages"
