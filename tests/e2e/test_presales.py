"""Pre-sales in a real browser: a sales rep finishes qualifying an opportunity, asks for an
SE through the form (refused while an item is missing), and the lead assigns one from the
capacity view; the rep sees who owns it."""

from __future__ import annotations

import pytest

from sunrelay.presales import services
from sunrelay.presales.models import Opportunity, QualificationItem
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.test_workspace import expect, log_in, log_out, ready
from tests.factories import make_account, make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CHECKLIST = [("budget", "Budget"), ("authority", "Authority"), ("need", "Need"),
             ("timeline", "Timeline")]  # fmt: skip


@pytest.fixture
def opportunity(transactional_db):
    # A transactional test starts from an emptied database: the migration's checklist too.
    for position, (key, label) in enumerate(CHECKLIST):
        QualificationItem.objects.get_or_create(
            key=key, defaults={"label": label, "position": position}
        )
    sam = make_staff("sam", roles=["sales"], time_zone="Europe/Madrid", first_name="Sam")
    make_staff("lucia", roles=["lead"], time_zone="Europe/Madrid", first_name="Lucía")
    make_staff("sofia", roles=["solutions"], time_zone="Europe/Madrid", first_name="Sofía")
    account = make_account("Ownco Maps", tier="enterprise", ae=sam)
    found = services.create_opportunity(sam, account=account, name="Ownco fleet routing")
    for key in ("budget", "authority", "need"):
        services.confirm(sam, found, key)
    return found


def test_a_sales_rep_goes_from_a_qualified_opportunity_to_an_assigned_se(page, opportunity):
    log_in(page, "sam")
    page.goto("/desk/")
    ready(page)
    page.locator("summary", has_text="More").click()
    page.get_by_role("link", name="Opportunities").click()
    page.get_by_role("link", name="Ownco fleet routing").click()
    page.get_by_role("link", name="Ask for an SE").click()
    expect(page.get_by_role("alert")).to_contain_text("confirm timeline before asking")

    page.get_by_role("link", name="Confirm them on the opportunity").click()
    page.get_by_role("button", name="Confirm Timeline").click()
    expect(page.locator("#checklist")).to_contain_text("Qualified.")
    page.get_by_role("link", name="Ask for an SE").click()
    page.get_by_label("The project's context").fill("Routing for 2,000 delivery vans.")
    page.get_by_label("Revenue").check()
    page.get_by_label("Deal closing this month").check()
    page.get_by_label("Key people").fill("Ana, their CTO")
    page.get_by_label("Due date").fill("2099-01-15")
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_text("Your request is with the SE lead.")).to_be_visible()
    assert opportunity.se_requests.count() == 1

    log_out(page)
    log_in(page, "lucia")
    page.goto(f"/desk/opportunities/{opportunity.pk}/")
    page.get_by_role("link", name="Assign an SE").click()
    expect(page.locator("table.capacity")).to_contain_text("Sofía")
    page.get_by_label("Solutions engineer").select_option(label="Sofía")
    page.screenshot(path=str(SCREENSHOTS / "presales-assign.png"))
    page.get_by_role("button", name="Assign", exact=True).click()
    expect(page.locator("#se")).to_have_text("Sofía")

    log_out(page)
    log_in(page, "sam")
    page.goto(f"/desk/opportunities/{opportunity.pk}/")
    expect(page.locator("#se")).to_have_text("Sofía")
    assert Opportunity.objects.get().se.username == "sofia"
