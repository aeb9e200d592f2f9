"""Merge and split in a real browser."""

from __future__ import annotations

import re

import pytest

from sunrelay.desk.models import Status, Ticket
from tests.e2e.data import build_desk
from tests.e2e.test_workspace import expect, log_in, ready

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def desk(transactional_db):
    return build_desk()


def test_an_agent_merges_two_tickets_and_splits_one(page, desk):
    main = desk["main"]
    other = Ticket.objects.exclude(pk=main.pk).filter(status__in=["new", "open"]).first()
    log_in(page, "alba")
    page.goto(f"/desk/tickets/{other.pk}/")
    ready(page)
    page.on("dialog", lambda dialog: dialog.accept())
    page.get_by_label("Into ticket").fill(f"#{main.pk}")
    page.get_by_role("button", name="Merge", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/desk/tickets/{main.pk}/$"))
    expect(page.locator(".links")).to_contain_text(f"Merged in: #{other.pk}")
    other.refresh_from_db()
    assert other.status == Status.CLOSED and other.merged_into_id == main.pk

    # The merged ticket's message arrived here; split it off again into its own ticket.
    moved = main.messages.filter(kind="customer").exclude(
        author_contact=main.requester
    ).first() or (main.messages.filter(kind="customer").order_by("-created_at").first())
    page.locator(f"#message-{moved.pk} .split-form button").click()
    expect(page.locator(".links")).to_contain_text(f"Split from #{main.pk}")
    new = Ticket.objects.get(split_from=main)
    assert list(new.messages.values_list("pk", flat=True)) == [moved.pk]
    page.get_by_role("link", name=f"#{main.pk}").first.click()
    expect(page.locator(".links")).to_contain_text(f"Split off: #{new.pk}")
