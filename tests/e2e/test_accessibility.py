"""Accessibility in a real browser: axe-core finds no serious or critical problem on the main
pages, in light and dark; a skip link leads to the content; the reply/note tabs are a tablist."""

from __future__ import annotations

import pytest

from sunrelay.kb import articles
from sunrelay.kb.models import Visibility
from sunrelay.portal import signin
from tests.e2e.axe import problems
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.data import build_desk
from tests.e2e.test_workspace import expect, log_in, ready
from tests.factories import make_staff
from tests.portal.conftest import last_link

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def desk(transactional_db):
    built = build_desk()
    built["lead"] = make_staff(
        "lena", roles=["lead", "support"], time_zone="Europe/Madrid", first_name="Lena"
    )
    articles.create_article(
        built["lead"],
        title="Blank tiles at high zoom levels",
        body="Check the layer's zoom range in *Layers*.",
        visibility=Visibility.PUBLIC,
    )
    return built


def desk_pages(desk) -> dict[str, str]:
    return {
        "the queue": "/desk/queues/open/",
        "a ticket": f"/desk/tickets/{desk['main'].pk}/",
        "the weekly review": "/desk/reports/weekly/",
        "the settings": "/desk/settings/",
        "the help centre": "/help/",
    }


def sign_in_to_portal(page, contact) -> None:
    signin.send_link(contact)
    page.goto(last_link(contact.email))
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".portal-bar")).to_contain_text("Sign out")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_main_pages_have_no_serious_accessibility_problems(pages, desk, scheme):
    page = pages.open(color_scheme=scheme, bypass_csp=True)
    page.goto("/login/")
    found = [problems(page, f"the log-in page ({scheme})")]
    log_in(page, "lena")
    for what, path in desk_pages(desk).items():
        page.goto(path)
        ready(page)
        found.append(problems(page, f"{what} ({scheme})"))
    # The command palette, open with its results.
    page.goto("/desk/")
    ready(page)
    page.keyboard.press("Control+k")
    expect(page.locator("#palette [role=option]").first).to_be_visible()
    found.append(problems(page, f"the command palette ({scheme})"))
    page.keyboard.press("Escape")

    customer = pages.open(color_scheme=scheme, bypass_csp=True)
    sign_in_to_portal(customer, desk["contacts"]["carla"])
    found.append(problems(customer, f"the portal's home ({scheme})"))
    customer.goto(f"/portal/tickets/{desk['main'].pk}/")
    found.append(problems(customer, f"a ticket in the portal ({scheme})"))
    found = [f for f in found if f]
    assert not found, "\n".join(found)


def test_a_skip_link_leads_to_the_main_content(page, desk):
    for path in ("/help/", "/portal/new/"):
        page.goto(path)
        page.keyboard.press("Tab")
        skip = page.get_by_role("link", name="Skip to the content")
        expect(skip).to_be_focused()
        expect(skip).to_be_visible()
        page.keyboard.press("Enter")
        expect(page.locator("main")).to_be_focused()
    log_in(page, "alba")
    page.goto(f"/desk/tickets/{desk['main'].pk}/")
    ready(page)
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to the content")).to_be_focused()


def test_the_reply_and_note_tabs_are_a_tablist(page, desk):
    log_in(page, "alba")
    page.goto(f"/desk/tickets/{desk['main'].pk}/")
    ready(page)
    reply = page.get_by_role("tab", name="Public reply")
    note = page.get_by_role("tab", name="Internal note")
    expect(reply).to_have_attribute("aria-selected", "true")
    expect(note).to_have_attribute("aria-selected", "false")
    expect(page.get_by_role("tabpanel", name="Public reply")).to_be_visible()

    # Arrow keys move between the tabs and show their panel; the focus stays on the tab.
    reply.focus()
    page.keyboard.press("ArrowRight")
    expect(note).to_be_focused()
    expect(note).to_have_attribute("aria-selected", "true")
    expect(reply).to_have_attribute("aria-selected", "false")
    expect(page.get_by_role("tabpanel", name="Internal note")).to_be_visible()
    expect(page.locator("#reply-form")).to_be_hidden()
    page.keyboard.press("ArrowLeft")
    expect(reply).to_be_focused()
    expect(reply).to_have_attribute("aria-selected", "true")

    # The r and i keys and clicks keep the tabs' state true as well.
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("i")
    expect(note).to_have_attribute("aria-selected", "true")
    reply.click()
    expect(reply).to_have_attribute("aria-selected", "true")
    expect(page.locator("#reply-body")).to_be_focused()


def test_dark_mode_follows_the_system(pages, desk):
    page = pages.open(color_scheme="dark")
    log_in(page, "alba")
    page.goto(f"/desk/tickets/{desk['main'].pk}/")
    ready(page)
    colours = page.evaluate(
        """() => {
          const style = el => getComputedStyle(document.querySelector(el));
          return {body: style('body').backgroundColor, text: style('body').color,
                  panel: style('#properties-form').color, scheme: style(':root').colorScheme};
        }"""
    )
    assert colours["body"] == "rgb(20, 24, 31)", colours  # --bg, dark
    assert colours["text"] == "rgb(230, 233, 239)", colours  # --ink, light
    page.screenshot(path=str(SCREENSHOTS / "dark-ticket.png"))

    light = pages.open(color_scheme="light")
    light.goto("/login/")
    assert light.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(246, 247, 249)"
