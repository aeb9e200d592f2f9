from __future__ import annotations

from django.test import Client

from sunrelay.presales import services
from sunrelay.presales.models import Opportunity
from tests.factories import make_account
from tests.presales.conftest import qualify


def browser(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_request_form_says_what_is_missing(people, opportunity):
    services.confirm(people["sam"], opportunity, "budget")
    page = browser(people["sam"]).get(f"/desk/opportunities/{opportunity.pk}/request/")
    assert page.status_code == 200
    assert "confirm authority, need, timeline before asking" in page.text
    assert 'name="context"' not in page.text


def test_a_sales_rep_creates_qualifies_and_asks(people, account):
    sam = browser(people["sam"])
    made = sam.post(
        "/desk/opportunities/new/",
        {
            "account": account.pk,
            "name": "Fleet",
            "stage": "discovery",
            "amount": "9000",
            "currency": "EUR",
        },
    )
    opportunity = Opportunity.objects.get(name="Fleet")
    assert made.status_code == 302
    for key in ("budget", "authority", "need", "timeline"):
        sam.post(f"/desk/opportunities/{opportunity.pk}/confirm/", {"item": key})
    asked = sam.post(
        f"/desk/opportunities/{opportunity.pk}/request/",
        {"context": "Fleet routing", "reasons": ["revenue"], "due_on": "2099-01-01"},
    )
    assert asked.status_code == 302
    assert opportunity.se_requests.count() == 1
    page = sam.get(f"/desk/opportunities/{opportunity.pk}/")
    assert "Fleet routing" in page.text and "Qualified." in page.text


def test_the_assign_page_warns_of_overload(people, opportunity, account):
    services.set_overload_threshold(people["lucia"], 1)
    other = services.create_opportunity(people["sam"], account=account, name="Tiles")
    services.assign(people["lucia"], other, people["sofia"])
    lead = browser(people["lucia"])
    page = lead.get(f"/desk/opportunities/{opportunity.pk}/assign/")
    assert "one more is over the limit of 1" in page.text
    done = lead.post(
        f"/desk/opportunities/{opportunity.pk}/assign/", {"se": people["sofia"].pk}, follow=True
    )
    assert "one more is over the limit of 1" in done.text
    opportunity.refresh_from_db()
    assert opportunity.se == people["sofia"]
    assert (
        browser(people["sam"]).get(f"/desk/opportunities/{opportunity.pk}/assign/").status_code
        == 403
    )


def test_support_reads_them_on_the_account_page(people, opportunity):
    make_account("Otherco Rail", ae=people["otto"])
    alba = browser(people["alba"])
    panel = alba.get(f"/desk/accounts/{opportunity.account.pk}/opportunities/")
    assert "Ownco routing" in panel.text
    page = alba.get(f"/desk/opportunities/{opportunity.pk}/")
    assert page.status_code == 200
    assert "Ask for an SE" not in page.text
    assert (
        alba.post(f"/desk/opportunities/{opportunity.pk}/confirm/", {"item": "need"}).status_code
        == 403
    )


def test_sales_do_not_see_other_accounts_opportunities(people, opportunity):
    qualify(opportunity, people["sam"])
    otto = browser(people["otto"])
    assert otto.get(f"/desk/opportunities/{opportunity.pk}/").status_code == 404
    assert "Ownco" not in otto.get("/desk/opportunities/").text
