"""Everyday administration in a real browser, without /admin/: a lead opens a ticket for a
phone call, edits an account and a contact, changes an SLA target and a person's working
hours on the settings pages; sales leave a note for support."""

from __future__ import annotations

import re
from datetime import time

import pytest

from sunrelay.accounts.models import Account, Contact
from sunrelay.desk.models import Channel, MessageKind, Ticket
from sunrelay.sla.models import Policy
from sunrelay.team.models import StaffProfile
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.data import build_desk
from tests.e2e.test_workspace import expect, log_in, ready
from tests.factories import make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def desk(transactional_db):
    built = build_desk()
    built["people"]["marta"] = make_staff(
        "marta",
        roles=["support", "lead"],
        time_zone="Europe/Madrid",
        first_name="Marta",
        last_name="Ortega",
    )
    return built


def open_more_menu(page, item: str):
    page.locator(".more-menu > summary").click()
    page.locator(".more-menu").get_by_role("link", name=item, exact=True).click()


def test_a_lead_opens_a_ticket_for_a_phone_call(page, desk):
    log_in(page, "marta")
    open_more_menu(page, "New ticket")
    expect(page).to_have_url(re.compile(r"/desk/tickets/new/$"))
    ready(page)
    # Known contacts are offered as the address is typed.
    page.get_by_label("Customer's e-mail").press_sequentially("tomas", delay=30)
    expect(page.locator("#contact-options option[value='tomas@terra.test']")).to_have_count(1)
    page.get_by_label("Customer's e-mail").fill("tomas@terra.test")
    page.get_by_label("Subject").fill("Called: the import wizard hangs at 80 %")
    page.get_by_label("What they need").fill(
        "Tomás phoned: shapefiles with Z values stop at 80 % since Monday."
    )
    page.get_by_label("Priority").select_option("high")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "new-ticket.png"), full_page=True)
    page.get_by_role("button", name="Open the ticket").click()

    expect(page.locator(".flash")).to_contain_text("opened for Tomás Ruiz")
    expect(page.locator("h1")).to_have_text("Called: the import wizard hangs at 80 %")
    expect(page.locator(".ticket-head")).to_contain_text("via Phone")
    expect(page.locator(".ticket-head")).to_contain_text("assigned to Marta Ortega")
    ticket = Ticket.objects.get(subject="Called: the import wizard hangs at 80 %")
    assert (ticket.channel, ticket.priority) == (Channel.PHONE, "high")
    assert ticket.requester.email == "tomas@terra.test"
    assert ticket.events.get(kind="created").actor_user.username == "marta"

    # CCs edited in place on the ticket page.
    ready(page)
    page.locator("#cc-form textarea").fill("boss@terra.test")
    page.get_by_role("button", name="Save CCs").click()
    expect(page.locator(".notice")).to_contain_text("CCs saved")
    expect(page.locator(".history")).to_contain_text("added boss@terra.test")
    assert list(ticket.ccs.values_list("email", flat=True)) == ["boss@terra.test"]


def test_a_lead_edits_an_accounts_tier_and_a_contacts_skill_level(page, desk):
    acme = desk["accounts"]["acme"]
    log_in(page, "marta")
    page.get_by_role("link", name="Accounts", exact=True).click()
    page.get_by_role("link", name="Acme Maps").click()
    page.get_by_role("link", name="Edit", exact=True).click()
    page.get_by_label("Tier").select_option("partner")
    page.get_by_label("Monthly recurring revenue").fill("21000")
    page.get_by_role("button", name="Save the account").click()
    expect(page.locator(".flash")).to_contain_text("Saved Acme Maps.")
    expect(page.locator(".account-grid")).to_contain_text("Partner")
    acme = Account.objects.get(pk=acme.pk)
    assert (acme.tier, int(acme.mrr)) == ("partner", 21000)

    # A public mail domain is refused in place, nothing lost.
    page.get_by_role("link", name="Edit", exact=True).click()
    page.get_by_label("Domains").fill("acme.test, gmail.com")
    page.get_by_role("button", name="Save the account").click()
    expect(page.locator(".field-domains .field-error")).to_contain_text("gmail.com")
    expect(page.get_by_label("Domains")).to_have_value("acme.test, gmail.com")

    page.goto(f"/desk/contacts/{desk['contacts']['carla'].pk}/")
    page.get_by_role("link", name="Edit", exact=True).click()
    page.get_by_label("Skill level").select_option("advanced")
    page.get_by_role("button", name="Save the contact").click()
    expect(page.locator(".flash")).to_contain_text("Saved")
    expect(page.locator(".skill")).to_have_text("Advanced")
    assert Contact.objects.get(email="carla@acme.test").skill == "advanced"


def test_a_lead_changes_an_sla_target_and_working_hours_in_settings(page, desk):
    log_in(page, "marta")
    open_more_menu(page, "Settings")
    expect(page.locator("h1")).to_have_text("Settings")
    page.locator(".settings-cards").get_by_role("link", name=re.compile("SLA calendars")).click()
    page.get_by_role("link", name="Enterprise and Partner").click()
    expect(page.get_by_label("First reply")).to_have_value("4 h")
    page.get_by_label("First reply").fill("2 h 30 min")
    page.screenshot(path=str(SCREENSHOTS / "settings-sla-policy.png"), full_page=True)
    page.get_by_role("button", name="Save the policy").click()
    expect(page.locator(".flash")).to_contain_text("Policy Enterprise and Partner saved")
    expect(page.locator(".settings-table").first).to_contain_text("First reply 2 h 30 min")
    policy = Policy.objects.get(name="Enterprise and Partner")
    assert policy.targets.get(metric="first_reply").minutes == 150

    # Move "Everyone else" above it: the order is the matching order.
    page.get_by_role("button", name="Move Everyone else up").click()
    expect(page.locator(".settings-table tbody tr").first).to_contain_text("Everyone else")

    page.locator(".settings-nav").get_by_role("link", name="People").click()
    page.get_by_role("link", name="Keisha Thompson").click()
    page.get_by_label("Monday").fill("08:00-12:00, 13:00-17:00")
    page.get_by_label("Saturday").fill("nine to noon")
    page.get_by_role("button", name="Save the working week").click()
    expect(page.locator(".field-day_5 .field-error")).to_contain_text("is not a stretch")
    expect(page.get_by_label("Monday")).to_have_value("08:00-12:00, 13:00-17:00")
    page.get_by_label("Saturday").fill("")
    page.get_by_role("button", name="Save the working week").click()
    expect(page.locator(".flash")).to_contain_text("Saved Keisha Thompson's working week")
    profile = StaffProfile.objects.get(user__username="keisha")
    monday = profile.working_hours.filter(weekday=0).order_by("start")
    assert [(i.start, i.end) for i in monday] == [(time(8), time(12)), (time(13), time(17))]
    page.screenshot(path=str(SCREENSHOTS / "settings-person.png"), full_page=True)


def test_an_agent_reads_the_settings_and_manages_their_own_token(page, desk):
    log_in(page, "alba")
    page.goto("/desk/settings/sla/")
    expect(page.locator(".readonly-note")).to_contain_text("a support lead changes")
    expect(page.get_by_role("link", name="New policy")).to_have_count(0)
    page.goto("/desk/settings/tokens/")
    page.get_by_label("What it is for").fill("my scripts")
    page.get_by_role("button", name="Create the token").click()
    token = page.locator("#new-token").input_value()
    assert token.startswith("sr_")
    page.goto("/desk/settings/tokens/")
    expect(page.locator("#new-token")).to_have_count(0)  # shown once
    expect(page.locator(".settings-table")).to_contain_text(token[:11] + "…")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Revoke").click()
    expect(page.locator(".flash")).to_contain_text("revoked")


def test_sales_leave_a_note_for_support_on_their_accounts_ticket(page, desk):
    main = desk["main"]
    log_in(page, "sam")
    page.goto(f"/desk/tickets/{main.pk}/")
    expect(page.locator(".readonly-note")).to_contain_text("leave them an internal note")
    expect(page.locator("#reply-body")).to_have_count(0)
    page.locator("#note-body").fill("Acme renews on Friday: can someone call Carla today?")
    page.get_by_role("button", name="Send the request to support").click()
    note = page.locator(".thread article").last
    expect(note).to_contain_text("Acme renews on Friday")
    expect(note).to_have_class(re.compile(r"\bis-internal\b"))
    expect(page.locator(".notice")).to_contain_text("Internal note added")
    assert main.messages.filter(kind=MessageKind.NOTE, author_user__username="sam").count() == 1
