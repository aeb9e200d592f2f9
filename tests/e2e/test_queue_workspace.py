"""The queue in a real browser: bulk changes, saved views, and columns that read at 1440 px."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from sunrelay.desk import services
from sunrelay.desk.models import EventKind, SavedView, Ticket, TicketEvent
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.data import build_desk
from tests.e2e.test_workspace import expect, log_in, ready, subjects
from tests.factories import make_account, make_contact

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def desk(transactional_db):
    return build_desk()


def row_of(page, ticket):
    return page.locator(f'#queue-results tbody tr[data-href="/desk/tickets/{ticket.pk}/"]')


def test_an_agent_bulk_assigns_and_bulk_solves_with_a_cause(page, desk):
    unassigned = [t for t in desk["tickets"].values() if t.assignee_id is None]
    log_in(page, "alba")
    page.goto("/desk/queues/unassigned/")
    ready(page)
    page.evaluate("window.stayedOnPage = true")
    chosen = unassigned[:3]
    for ticket in chosen:
        row_of(page, ticket).get_by_role("checkbox").check()
    expect(page.locator("[data-bulk-count]")).to_have_text("· 3 selected")
    page.get_by_label("Assign to").select_option(label="Keisha Thompson")
    page.get_by_role("button", name="Apply to selected").click()
    expect(page.locator(".bulk-summary")).to_have_text("3 tickets assigned to Keisha Thompson.")
    # The queue drew itself again without them, and the navigation counts followed.
    for ticket in chosen:
        expect(row_of(page, ticket)).to_have_count(0)
    left = len(unassigned) - 3
    expect(page.locator('#queue-nav a[href="/desk/queues/unassigned/"] .count')).to_have_text(
        str(left)
    )
    for ticket in chosen:
        ticket.refresh_from_db()
        assert ticket.assignee.username == "keisha"
        assert TicketEvent.objects.filter(ticket=ticket, kind=EventKind.ASSIGNEE).count() == 1

    # Solve Keisha's tickets with one cause; a closed one among them is refused by number.
    closed = desk["tickets"][8]  # Keisha's, assigned from the start
    services.update_ticket(closed, desk["people"]["alba"], status="solved", cause="question")
    services.update_ticket(closed, desk["people"]["alba"], status="closed")
    page.goto(f"/desk/queues/open/?assignee={desk['people']['keisha'].pk}&status=any")
    ready(page)
    page.evaluate("window.stayedOnPage = true")
    page.get_by_label("Select every ticket on this page").check()
    keishas = Ticket.objects.filter(assignee__username="keisha")
    expect(page.locator("[data-bulk-count]")).to_have_text(f"· {keishas.count()} selected")
    page.locator("#bulk-status").select_option("solved")
    expect(page.locator("#bulk-cause")).to_be_visible()  # asked in the same form
    page.locator("#bulk-cause").select_option("product_bug")
    page.get_by_role("button", name="Apply to selected").click()
    summary = page.locator(".bulk-summary")
    expect(summary).to_contain_text(f"solved (cause: product bug); #{closed.pk} refused:")
    expect(summary).to_have_class(re.compile("has-refusals"))
    assert page.evaluate("window.stayedOnPage") is True
    assert set(keishas.exclude(pk=closed.pk).values_list("status", flat=True)) == {"solved"}
    assert set(keishas.exclude(pk=closed.pk).values_list("cause", flat=True)) == {"product_bug"}
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "queue-bulk.png"))


def test_a_saved_view_opens_again_from_the_navigation(page, desk):
    log_in(page, "alba")
    page.goto("/desk/queues/open/")
    ready(page)
    page.locator("select[name=priority]").select_option("urgent")
    expect(page).to_have_url(re.compile(r"priority=urgent"))
    page.locator("th.col-subject a").click()
    expect(page).to_have_url(re.compile(r"sort=subject"))
    page.locator(".save-view > summary").click()
    page.get_by_label("Name these filters and this sort").fill("Urgent, by subject")
    page.get_by_role("button", name="Save view", exact=True).click()
    expect(page.locator("h1")).to_have_text("Urgent, by subject")
    view = SavedView.objects.get()
    # The filter form sends every field it shows: the default status comes along.
    assert view.filters == {"status": "unsolved", "priority": "urgent", "sort": "subject"}

    page.goto("/desk/queues/mine/")
    nav = page.locator("#queue-nav")
    nav.get_by_role("link", name="Urgent, by subject").click()
    expect(page.locator("h1")).to_have_text("Urgent, by subject")
    expect(nav.get_by_role("link", name="Urgent, by subject")).to_have_attribute(
        "aria-current", "page"
    )
    expect(page.locator("select[name=priority]")).to_have_value("urgent")
    urgent = Ticket.objects.filter(priority="urgent").order_by("subject")
    assert subjects(page) == [t.subject for t in urgent]

    # A filter more, saved to the view; then renamed on its page.
    page.locator("select[name=level]").select_option("l2")
    expect(page.locator("#queue-results tbody tr")).to_have_count(1)
    page.get_by_role("button", name="Save filters to this view").click()
    expect(page.locator(".flash")).to_contain_text("now shows these filters")
    view.refresh_from_db()
    assert view.filters == {
        "status": "unsolved",
        "priority": "urgent",
        "level": "l2",
        "sort": "subject",
    }
    page.get_by_role("link", name="Rename, share or delete").click()
    page.get_by_label("Name", exact=True).fill("Urgent L2")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("h1")).to_have_text("Urgent L2")
    expect(page.locator("#queue-results tbody tr")).to_have_count(1)


def test_account_names_and_ages_read_in_full_at_1440_px(pages, desk):
    now = timezone.now()
    wide = make_account(
        "Northwind Geospatial", "enterprise", 42000, ["northwind.test"], strategic=True
    )
    nora = make_contact("Nora West", "nora@northwind.test", wide, "advanced")
    tickets = [
        services.create_ticket(
            services.NewTicket(requester=nora, subject=subject, body="Hello", at=now - age),
            actor=None,
        ).ticket
        for subject, age in (
            ("Labels missing in the north-east at zoom 9", timedelta(minutes=58, seconds=30)),
            ("Old import still pending", timedelta(days=364)),
        )
    ]
    page = pages.open(viewport={"width": 1440, "height": 900})
    log_in(page, "alba")
    page.goto("/desk/queues/open/")
    ready(page)
    for ticket in tickets:
        row = row_of(page, ticket)
        name = row.locator(".queue-account")
        expect(name).to_have_text("Northwind Geospatial")
        age = row.locator("td.col-age")
        for cell in (name, age):
            # Shown whole: nothing cut off behind an ellipsis.
            assert cell.evaluate("e => e.scrollWidth <= e.clientWidth"), cell.inner_text()
    expect(row_of(page, tickets[0]).locator("td.col-age")).to_have_text(re.compile(r"^5[89] min$"))
    expect(row_of(page, tickets[1]).locator("td.col-age")).to_have_text("364 d")
    # The subject keeps the most room; the least useful columns went first.
    subject = page.locator("th.col-subject").evaluate("e => e.getBoundingClientRect().width")
    assert subject >= 280, subject
    expect(page.locator("th.col-updated")).to_be_hidden()
    expect(page.locator("th.col-requester")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "queue-1440.png"))
