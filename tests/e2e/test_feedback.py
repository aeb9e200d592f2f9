"""Product feedback in a real browser: a support engineer solves a ticket as a feature
request (its words become an item), accepts the theme the clustering suggests for it, marks
the theme shipped; the lead reviews the shipped notice and sends it, and one e-mail per
contact lands in the outbox."""

from __future__ import annotations

import pytest

from sunrelay.feedback import services
from sunrelay.feedback.models import FeedbackItem
from sunrelay.mail.models import Outbox, OutboxKind
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.test_workspace import expect, log_in, log_out, ready
from tests.factories import make_account, make_contact, make_staff, make_ticket

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SAID = [
    "We need offline maps on the tablets, our crews lose signal in the field.",
    "Please let us download offline maps for the field crews without signal.",
    "Offline maps for field work would save us: no signal on the tablets out there.",
]


@pytest.fixture
def feedback(transactional_db):
    alba = make_staff("alba", roles=["support"], time_zone="Europe/Madrid", first_name="Alba")
    make_staff("lucia", roles=["lead"], time_zone="Europe/Madrid", first_name="Lucía")
    account = make_account("Ownco Maps", tier="enterprise", mrr=30000)
    ana = make_contact("Ana", "ana@ownco.test", account)
    theme = services.create_theme(alba, name="Offline maps")
    for n, quote in enumerate(SAID):
        other = make_contact(f"Crew {n}", f"crew{n}@ownco.test", account)
        services.capture(alba, quote=quote, contact=other, theme=theme)
    # Words about something else, so the clustering has more than one group to tell apart.
    for quote in ("The invoice PDF shows the wrong VAT number.", "Our invoice lists VAT twice."):
        services.capture(alba, quote=quote, account=account)
    ticket = make_ticket(
        ana,
        subject="Maps without signal",
        body="Can we get offline maps? Our field crews lose signal on the tablets.",
    )
    return {"ticket": ticket, "theme": theme, "ana": ana}


def test_from_a_ticket_to_a_theme_to_the_shipped_notice_in_the_outbox(page, feedback):
    ticket, theme = feedback["ticket"], feedback["theme"]
    log_in(page, "alba")
    page.goto(f"/desk/tickets/{ticket.pk}/")
    ready(page)
    # Solved as a feature request: the customer's words become a feedback item.
    form = page.locator("#reply-form")
    form.locator("#reply-status").select_option("solved")
    form.locator("#reply-body").fill("Thank you: we have passed it to our product team.")
    form.locator("#reply-solve-fields").get_by_label("Cause").select_option("feature_request")
    form.get_by_role("button", name="Send reply").click()
    expect(page.locator(".ticket-head .status")).to_have_text("Solved")
    item = FeedbackItem.objects.get(ticket=ticket)
    assert item.theme is None and "offline maps" in item.quote

    page.locator("summary", has_text="More").click()
    page.get_by_role("link", name="Feedback themes").click()
    page.get_by_role("link", name="Suggestions", exact=True).click()
    page.get_by_role("button", name="Suggest again").click()
    row = page.locator("tr", has_text="Can we get offline maps?")
    expect(row).to_contain_text("Offline maps")
    page.screenshot(path=str(SCREENSHOTS / "feedback-suggestions.png"))
    row.get_by_role("button", name="Accept").click()
    expect(page.locator("tr", has_text="Can we get offline maps?")).to_have_count(0)
    item.refresh_from_db()
    assert item.theme_id == theme.pk

    page.goto(f"/desk/feedback/themes/{theme.pk}/")
    expect(page.locator(".population")).to_contain_text("1 account, $30,000 MRR")
    page.get_by_label("Status").select_option("shipped")
    page.get_by_role("button", name="Save status").click()
    expect(page.locator("#notice")).to_be_visible()
    expect(page.get_by_text("Drafted: a lead reviews and sends it.")).to_be_visible()

    log_out(page)
    log_in(page, "lucia")
    page.goto(f"/desk/feedback/themes/{theme.pk}/")
    expect(page.get_by_text("It goes to 4 contacts")).to_contain_text("ana@ownco.test")
    page.get_by_label("Subject").fill("Shipped: offline maps for $name")
    page.screenshot(path=str(SCREENSHOTS / "feedback-notice.png"))
    page.get_by_role("button", name="Send the notice").click()
    expect(page.get_by_text("Notice queued for 4 contacts.")).to_be_visible()
    expect(page.get_by_text("Sent by Lucía")).to_be_visible()

    # Solving also invited Ana to rate the ticket (a notice too): only the shipped ones here.
    sent = Outbox.objects.filter(kind=OutboxKind.NOTICE, subject__startswith="Shipped:")
    assert sorted(address for row in sent for address in row.to) == [
        "ana@ownco.test", "crew0@ownco.test", "crew1@ownco.test", "crew2@ownco.test",
    ]  # fmt: skip
    ana = sent.get(to=["ana@ownco.test"])
    assert ana.subject == "Shipped: offline maps for Ana"
    assert "Can we get offline maps?" in ana.body_text
