"""Editing accounts and contacts in the desk, through accounts.services."""

from __future__ import annotations

import pytest

from sunrelay.accounts.forms import AccountForm
from sunrelay.accounts.models import Account, Contact
from sunrelay.sla.models import Calendar, TicketUrgency
from sunrelay.sla.services import recompute
from sunrelay.success.models import TeamChange
from tests.factories import make_staff

pytestmark = pytest.mark.django_db


CHECKBOXES = ("strategic", "portal_shares_tickets")


def account_post(account, **changes) -> dict:
    """What the edit page posts: the values shown (each also as initial-NAME) and the changes."""
    shown = {k: ("" if v is None else v) for k, v in AccountForm.initial_for(account).items()}
    for box in CHECKBOXES:
        shown[box] = "on" if shown[box] else ""
    posted = {**shown, **changes, **{f"initial-{k}": v for k, v in shown.items()}}
    return {k: v for k, v in posted.items() if v != "" or not k.endswith(CHECKBOXES)}


def test_a_lead_edits_tier_mrr_team_domains_and_calendar(client, lead, account, sales):
    ce = make_staff("cele", roles=["customer_engineer"])
    madrid = Calendar.objects.create(name="Madrid", time_zone="Europe/Madrid")
    client.force_login(lead)
    response = client.post(
        f"/desk/accounts/{account.pk}/edit/",
        account_post(
            account,
            tier="partner",
            mrr="20500.50",
            strategic="on",
            ce=str(ce.pk),
            domains="acme.test, acme-maps.test",
            business_calendar=str(madrid.pk),
        ),
    )
    assert response.status_code == 302
    account.refresh_from_db()
    assert (account.tier, str(account.mrr), account.strategic) == ("partner", "20500.50", True)
    assert (account.ae, account.ce, account.business_calendar) == (sales, ce, madrid)
    assert sorted(account.domains.values_list("domain", flat=True)) == [
        "acme-maps.test",
        "acme.test",
    ]
    # The change is in the team's history, whichever page made it.
    change = TeamChange.objects.get(account=account)
    assert (change.ae, change.ce, change.changed_by) == (sales, ce, lead)


def test_a_worker_sees_the_team_but_leaves_it_to_a_lead(client, agent, account, sales):
    ce = make_staff("cele", roles=["customer_engineer"])
    client.force_login(agent)
    page = client.get(f"/desk/accounts/{account.pk}/edit/").content.decode()
    assert "A support lead changes the account&#x27;s team" in page
    response = client.post(
        f"/desk/accounts/{account.pk}/edit/", account_post(account, tier="pro", ce=str(ce.pk))
    )
    assert response.status_code == 302
    account.refresh_from_db()
    assert (account.tier, account.ae, account.ce) == ("pro", sales, None)  # the team untouched
    assert not TeamChange.objects.filter(account=account).exists()


def test_a_worker_lets_the_portal_share_the_accounts_tickets(client, agent, account):
    client.force_login(agent)
    response = client.post(
        f"/desk/accounts/{account.pk}/edit/", account_post(account, portal_shares_tickets="on")
    )
    assert response.status_code == 302
    account.refresh_from_db()
    assert account.portal_shares_tickets
    page = client.get(f"/desk/accounts/{account.pk}/").content.decode()
    assert (
        "contacts see all the account&#x27;s tickets" in page
        or "contacts see all the account's tickets" in page
    )


def test_a_worker_sets_and_clears_the_renewal_date(client, agent, account):
    client.force_login(agent)
    url = f"/desk/accounts/{account.pk}/edit/"
    assert client.post(url, account_post(account, renewal_on="2027-03-31")).status_code == 302
    account.refresh_from_db()
    assert str(account.renewal_on) == "2027-03-31"
    assert "31 Mar 2027" in client.get(f"/desk/accounts/{account.pk}/").content.decode()
    refused = client.post(url, account_post(account, renewal_on="31/31/2027"))
    assert refused.status_code == 422 and "Enter a valid date" in refused.content.decode()
    assert client.post(url, account_post(account, renewal_on="")).status_code == 302
    account.refresh_from_db()
    assert account.renewal_on is None


def test_the_existing_rules_refuse_in_place(client, agent, account):
    client.force_login(agent)
    response = client.post(
        f"/desk/accounts/{account.pk}/edit/",
        account_post(account, domains="gmail.com", mrr="-5", time_zone="CET"),
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "gmail.com" in html and "public" in html.lower()
    assert "Ensure this value is greater than or equal to 0." in html
    assert "not an IANA time zone name" in html
    account.refresh_from_db()
    assert account.mrr == 16000 and account.time_zone == "UTC"


def test_the_account_team_pickers_offer_the_right_roles_only(client, agent, lead, account):
    client.force_login(lead)
    response = client.post(f"/desk/accounts/{account.pk}/edit/", account_post(account, ae=agent.pk))
    assert response.status_code == 422
    assert "Select a valid choice" in response.content.decode()


def test_a_stale_page_only_sends_what_this_person_changed(client, agent, lead, account):
    client.force_login(agent)
    stale = account_post(account, tier="pro")
    Account.objects.filter(pk=account.pk).update(mrr=99)  # a colleague, meanwhile
    client.post(f"/desk/accounts/{account.pk}/edit/", stale)
    account.refresh_from_db()
    assert (account.tier, account.mrr) == ("pro", 99)


def test_a_tier_change_leaves_the_open_tickets_clocks_to_the_worker(client, agent, ticket):
    recompute(ticket)
    assert TicketUrgency.objects.get(ticket=ticket).config_version != ""
    client.force_login(agent)
    client.post(
        f"/desk/accounts/{ticket.account_id}/edit/", account_post(ticket.account, tier="free")
    )
    assert TicketUrgency.objects.get(ticket=ticket).config_version == ""


def test_a_new_account(client, agent):
    client.force_login(agent)
    response = client.post(
        "/desk/accounts/new/",
        {
            "name": "Nimbus",
            "tier": "pro",
            "mrr": "1200",
            "domains": "nimbus.test",
            "time_zone": "UTC",
        },
    )
    nimbus = Account.objects.get(name="Nimbus")
    assert response["Location"] == f"/desk/accounts/{nimbus.pk}/"
    assert list(nimbus.domains.values_list("domain", flat=True)) == ["nimbus.test"]


def test_a_worker_edits_a_contacts_skill_and_account(client, agent, contact):
    other = Account.objects.create(name="Other")
    client.force_login(agent)
    response = client.post(
        f"/desk/contacts/{contact.pk}/edit/",
        {"name": "Carla C.", "email": "carla@acme.test", "skill": "advanced", "account": other.pk},
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert (contact.name, contact.skill, contact.account) == ("Carla C.", "advanced", other)


def test_a_contacts_address_stays_unique(client, agent, contact, account):
    Contact.objects.create(email="dev@acme.test", account=account)
    client.force_login(agent)
    response = client.post(
        f"/desk/contacts/{contact.pk}/edit/",
        {"name": "Carla", "email": "DEV@acme.test", "skill": "beginner", "account": account.pk},
    )
    assert response.status_code == 422
    assert "A contact with the e-mail DEV@acme.test exists." in response.content.decode()


def test_a_new_contact_joins_the_account_of_their_domain(client, agent, account):
    client.force_login(agent)
    client.post("/desk/contacts/new/", {"email": "eva@acme.test", "skill": "beginner"})
    assert Contact.objects.get(email="eva@acme.test").account == account


def test_sales_read_but_do_not_edit(client, sales, account, contact):
    client.force_login(sales)
    assert "Edit" not in client.get(f"/desk/accounts/{account.pk}/").content.decode()
    assert client.get(f"/desk/accounts/{account.pk}/edit/").status_code == 403
    assert (
        client.post(f"/desk/contacts/{contact.pk}/edit/", {"skill": "advanced"}).status_code == 403
    )
    assert client.post("/desk/accounts/new/", {"name": "X"}).status_code == 403
