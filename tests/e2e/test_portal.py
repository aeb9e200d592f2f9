"""The customer's side in a real browser: the web form suggests an article, the visitor
confirms by the e-mailed link, then signs in with a magic link, finds the ticket and replies
with a file."""

from __future__ import annotations

import re

import pytest

from sunrelay.desk.models import Channel, MessageKind, ProductArea, Ticket
from sunrelay.kb import articles
from sunrelay.kb.models import Visibility
from sunrelay.mail.models import Attachment
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.test_workspace import expect
from tests.factories import make_account, make_staff
from tests.portal.conftest import last_link

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def help_centre(transactional_db):
    author = make_staff("alba", roles=["support"])
    make_account("Acme Maps", tier="enterprise", domains=["acme.test"])
    ProductArea.objects.create(name="Maps", slug="maps")
    return articles.create_article(
        author,
        title="Blank tiles at high zoom levels",
        body="Check the layer's zoom range in *Layers*.",
        visibility=Visibility.PUBLIC,
    )


def test_a_visitor_goes_from_the_web_form_to_a_reply_in_the_portal(
    page, live_server, help_centre, settings, tmp_path
):
    settings.BASE_URL = live_server.url  # the links in the e-mails point at this server
    settings.PORTAL_FORM_MIN_SECONDS = 1

    page.goto("/portal/new/")
    page.get_by_label("Your e-mail address").fill("ana@acme.test")
    page.get_by_label("Your name").fill("Ana Ruiz")
    page.get_by_label("Subject").press_sequentially("Blank tiles", delay=30)
    suggested = page.locator("#suggested").get_by_role("link", name=help_centre.title)
    expect(suggested).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "portal-web-form.png"))
    page.get_by_label("What happened?").fill("Since this morning, at zoom 14 and above.")
    page.get_by_label("Product area").select_option(label="Maps")
    page.get_by_label("How urgent is it?").select_option(label="My work is blocked")
    page.get_by_role("button", name="Send request").click()
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()
    assert not Ticket.objects.exists()

    # The confirmation link, as the e-mail in the outbox carries it.
    page.goto(last_link("ana@acme.test"))
    page.get_by_role("button", name="Open my request").click()
    ticket = Ticket.objects.get()
    expect(page.get_by_role("heading", name=f"Request #{ticket.pk} is open")).to_be_visible()
    assert ticket.channel == Channel.WEB and ticket.requester.email == "ana@acme.test"
    assert ticket.account.name == "Acme Maps"

    # Signing in with a magic link.
    page.locator("main").get_by_role("link", name="sign in").click()
    expect(page.get_by_label("Your e-mail address")).to_have_value("ana@acme.test")
    page.get_by_role("button", name="E-mail me a sign-in link").click()
    expect(page.get_by_role("status")).to_contain_text("a sign-in link is on its way")
    page.goto(last_link("ana@acme.test"))
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/portal/$"))
    page.get_by_role("link", name="Blank tiles").click()
    expect(page.locator(".thread")).to_contain_text("Since this morning, at zoom 14")

    # A reply with a file.
    trace = tmp_path / "browser-console.txt"
    trace.write_text("GET /tiles/14/8123/5417.png 500")
    page.get_by_label("Your reply").fill("Still blank; the console says this.")
    page.get_by_label("Attach files").set_input_files(str(trace))
    page.get_by_role("button", name="Send reply").click()
    expect(page.locator(".thread")).to_contain_text("Still blank; the console says this.")
    expect(page.get_by_role("link", name="browser-console.txt")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "portal-ticket.png"))
    reply = ticket.messages.order_by("-id").first()
    assert reply.kind == MessageKind.CUSTOMER and reply.author_contact == ticket.requester
    assert bytes(Attachment.objects.get(message=reply).data) == b"GET /tiles/14/8123/5417.png 500"
