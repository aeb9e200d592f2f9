"""The lead opens the leadership report from the menu, switches to the quarter, steps back
a period and downloads the Markdown."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.data import build_desk
from tests.e2e.test_workspace import expect, log_in, ready
from tests.factories import make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def desk(transactional_db):
    made = build_desk()
    make_staff("lucia", roles=["support", "lead"], time_zone="Europe/Madrid")
    return made


def test_the_lead_reads_the_quarter_and_the_one_before(page, desk):
    log_in(page, "lucia")
    page.goto("/desk/")
    ready(page)
    page.locator("details.more-menu summary").click()
    page.get_by_role("link", name="Leadership report").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Leadership report:")
    page.get_by_role("combobox", name="Kind").select_option("quarter")
    page.get_by_role("textbox", name="Period").fill("")
    page.get_by_role("button", name="Show").click()
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text("Q")
    this_quarter = heading.inner_text()
    expect(page.locator("section.leadership-section").first).to_be_visible()
    page.get_by_role("link", name="←").click()
    expect(heading).not_to_have_text(this_quarter)
    href = page.get_by_role("link", name="Markdown").get_attribute("href")
    markdown = page.request.get(href)
    assert markdown.ok and markdown.text().startswith("# Leadership report: ")
    page.screenshot(path=str(SCREENSHOTS / "leadership.png"), full_page=True)


def test_the_lead_sets_a_target_and_follows_a_figure_to_its_list(page, desk):
    log_in(page, "lucia")
    page.goto("/desk/reports/leadership/?kind=quarter")
    ready(page)
    page.get_by_role("link", name="Targets").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Leadership report targets")
    page.locator("select[name=key]").select_option("answered")
    page.get_by_role("textbox", name="Target").fill("95")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("table.targets")).to_contain_text("≥ 95 %")
    page.get_by_role("link", name="← Leadership report").click()
    volume = page.locator("section[data-section='volume']")
    if volume.locator("table").count():  # a quarter with tickets shows the target beside them
        expect(volume).to_contain_text("target: ≥ 95 %")
    page.locator("section[data-section='breaches']").get_by_role(
        "link", name="SLA breaches"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("SLA breaches")
    expect(page.locator("[data-count]")).to_contain_text("in all")
    page.get_by_role("link", name="← Leadership report").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Leadership report:")
