"""Moving in, in a real browser: a Zendesk export is imported from the command line; the
lead opens More → Imports, reads the run's counts and what it could not map, and finds an
imported ticket with its customer message, internal note and public reply."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command

from sunrelay.desk.models import Ticket
from tests.e2e.conftest import SCREENSHOTS, SERVING
from tests.e2e.test_workspace import expect, log_in, log_out, ready
from tests.factories import make_staff
from tests.moving.zendesk_export import generate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_lead_reads_the_import_and_finds_the_history(page, tmp_path):
    make_staff("lucia", roles=["support", "lead"], first_name="Lucía")
    generate(tmp_path, tickets=8)
    out = StringIO()
    with SERVING.exclusive():  # the test writes alone while pages poll
        call_command("import", "zendesk", str(tmp_path), "--json", stdout=out)
    assert json.loads(out.getvalue())["counts"]["tickets created"] == 8

    log_in(page, "lucia")
    page.goto("/desk/")
    ready(page)
    page.locator("summary", has_text="More").click()
    page.get_by_role("link", name="Imports").click()
    expect(page.get_by_role("heading", name="Imports")).to_be_visible()
    expect(page.locator("table.list")).to_contain_text("8 tickets created")
    page.locator("table.list a").first.click()
    expect(page.locator("ul.not-mapped")).to_contain_text("custom field 360001")
    page.screenshot(path=str(SCREENSHOTS / "moving-run.png"))

    ticket = Ticket.objects.get(external_ref="zendesk:1")
    page.goto(f"/desk/tickets/{ticket.pk}/")
    ready(page)
    expect(page.get_by_text("Hello, ticket 1 needs help.").first).to_be_visible()
    expect(
        page.get_by_text("Looking into it.").first
    ).to_be_visible()  # the private comment, a note
    expect(page.get_by_text("Here is the answer.").first).to_be_visible()
    log_out(page)
