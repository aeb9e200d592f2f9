from __future__ import annotations

import pytest

from sunrelay.accounts.models import Account, AccountDomain
from sunrelay.success.models import TeamChange
from tests.api.conftest import locs
from tests.factories import make_account, make_staff


@pytest.fixture
def customer_engineer(db):
    return make_staff("cecilia", roles=["customer_engineer"], time_zone="America/Denver")


def names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["name"] for item in response.json()["items"]]


def test_it_lists_accounts_by_name(as_agent, account):
    make_account("Beta Geo", tier="pro", mrr=900, strategic=True)
    body = as_agent.get("/accounts").json()
    assert body["count"] == 2
    acme = body["items"][0]
    assert acme["name"] == "Acme Maps"
    assert acme["tier"] == "enterprise"
    assert acme["mrr"] == "16000.00"
    assert acme["domains"] == ["acme.test"]
    assert acme["ae"]["username"] == "sam"


def test_it_filters_accounts(as_agent, account):
    make_account("Beta Geo", tier="pro", strategic=True)
    make_account("Gamma Labs", tier="free")
    assert names(as_agent.get("/accounts", {"tier": "pro"})) == ["Beta Geo"]
    assert names(as_agent.get("/accounts", {"strategic": "true"})) == ["Beta Geo"]
    assert names(as_agent.get("/accounts", {"q": "LABS"})) == ["Gamma Labs"]
    assert names(as_agent.get("/accounts", {"limit": 1, "offset": 1})) == ["Beta Geo"]
    assert as_agent.get("/accounts", {"tier": "gold"}).status_code == 422


def test_it_reads_an_account(as_agent, account):
    assert as_agent.get(f"/accounts/{account.pk}").json()["name"] == "Acme Maps"
    assert as_agent.get("/accounts/999999").status_code == 404


def test_it_creates_an_account_with_its_team_and_domains(as_agent, sales, customer_engineer):
    response = as_agent.post(
        "/accounts",
        {
            "name": "Delta Rail",
            "tier": "partner",
            "mrr": "12500.50",
            "strategic": True,
            "time_zone": "Europe/Berlin",
            "ae_id": sales.pk,
            "ce_id": customer_engineer.pk,
            "domains": ["Delta-Rail.TEST", "@deltarail.test", "delta-rail.test"],
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["mrr"] == "12500.50"
    assert body["domains"] == ["delta-rail.test", "deltarail.test"]
    assert body["ce"]["username"] == "cecilia"
    assert Account.objects.get(name="Delta Rail").ae == sales


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"tier": "gold"}, "tier"),
        ({"mrr": "-1"}, "mrr"),
        ({"mrr": "abc"}, "mrr"),
        ({"mrr": "12345678901234"}, "mrr"),
        ({"time_zone": "Europe/Madird"}, "time_zone"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"domains": ["not a domain"]}, "domains"),
        ({"name": ""}, "name"),
        ({"ae_id": 999_999}, "ae_id"),
    ],
)
def test_it_refuses_invalid_accounts(as_agent, db, fields, field):
    response = as_agent.post("/accounts", {"name": "Epsilon", **fields})
    assert response.status_code == 422, response.content
    assert locs(response)[0][:2] == ["body", field]
    assert not Account.objects.filter(name="Epsilon").exists()


def test_it_refuses_a_team_without_the_right_roles(as_agent, agent, sales):
    response = as_agent.post("/accounts", {"name": "Zeta", "ae_id": agent.pk, "ce_id": sales.pk})
    assert response.status_code == 422
    assert sorted(locs(response)) == [["body", "ae_id"], ["body", "ce_id"]]


def test_it_refuses_a_taken_name_or_domain(as_agent, account):
    taken_name = as_agent.post("/accounts", {"name": "Acme Maps"})
    assert locs(taken_name) == [["body", "name"]]
    taken_domain = as_agent.post("/accounts", {"name": "Acme 2", "domains": ["ACME.test"]})
    assert locs(taken_domain) == [["body", "domains"]]
    assert "Acme Maps" in taken_domain.json()["detail"][0]["msg"]


def test_it_changes_an_account(api_as, lead, account, customer_engineer):
    response = api_as(lead).patch(
        f"/accounts/{account.pk}",
        {"mrr": 20000, "strategic": True, "ce_id": customer_engineer.pk, "domains": ["acme.io"]},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["mrr"] == "20000.00"
    assert body["strategic"] is True
    assert body["ce"]["id"] == customer_engineer.pk
    assert body["domains"] == ["acme.io"]
    assert body["ae"]["username"] == "sam"  # untouched
    assert not AccountDomain.objects.filter(domain="acme.test").exists()


def test_it_sets_reads_and_clears_the_renewal_date(as_agent, account):
    assert as_agent.get(f"/accounts/{account.pk}").json()["renewal_on"] is None
    body = as_agent.patch(f"/accounts/{account.pk}", {"renewal_on": "2027-03-31"}).json()
    assert body["renewal_on"] == "2027-03-31"
    refused = as_agent.patch(f"/accounts/{account.pk}", {"renewal_on": "next spring"})
    assert refused.status_code == 422 and locs(refused) == [["body", "renewal_on"]]
    assert as_agent.patch(f"/accounts/{account.pk}", {"mrr": 5}).json()["renewal_on"]
    assert (
        as_agent.patch(f"/accounts/{account.pk}", {"renewal_on": None}).json()["renewal_on"] is None
    )
    created = as_agent.post("/accounts", {"name": "Nova", "renewal_on": "2027-01-15"})
    assert created.json()["renewal_on"] == "2027-01-15"


def test_it_removes_the_account_executive_with_null(api_as, lead, account):
    assert api_as(lead).patch(f"/accounts/{account.pk}", {"ae_id": None}).json()["ae"] is None
    assert TeamChange.objects.get(account=account).ae is None


def test_only_a_lead_changes_the_team_but_anyone_may_name_it_at_creation(
    as_agent, account, customer_engineer
):
    refused = as_agent.patch(f"/accounts/{account.pk}", {"ce_id": customer_engineer.pk})
    assert refused.status_code == 403
    assert "Only support leads" in refused.json()["detail"]
    same = as_agent.patch(f"/accounts/{account.pk}", {"ae_id": account.ae_id, "mrr": 7})
    assert same.status_code == 200  # the same team is no change
    created = as_agent.post("/accounts", {"name": "Nova", "ce_id": customer_engineer.pk})
    assert created.status_code == 201
    first = TeamChange.objects.get(account_id=created.json()["id"])
    assert (first.ce, first.reason) == (customer_engineer, "Named when the account was created.")


def test_it_keeps_an_account_unchanged_on_a_refused_change(as_agent, account):
    response = as_agent.patch(f"/accounts/{account.pk}", {"mrr": "-5", "domains": ["new.test"]})
    assert response.status_code == 422
    account.refresh_from_db()
    assert account.mrr == 16000
    assert list(account.domains.values_list("domain", flat=True)) == ["acme.test"]


def test_it_refuses_null_for_required_account_fields(as_agent, account):
    response = as_agent.patch(f"/accounts/{account.pk}", {"tier": None, "name": None})
    assert response.status_code == 422
    assert sorted(locs(response)) == [["body", "name"], ["body", "tier"]]


@pytest.mark.parametrize("domain", ["gmail.com", "co.uk", "github.io"])
def test_public_mail_services_and_public_suffixes_are_not_account_domains(
    as_agent, account, domain
):
    created = as_agent.post("/accounts", {"name": "Strangers", "domains": [domain]})
    assert created.status_code == 422
    assert locs(created) == [["body", "domains"]]
    assert not Account.objects.filter(name="Strangers").exists()
    changed = as_agent.patch(f"/accounts/{account.pk}", {"domains": ["acme.test", domain]})
    assert changed.status_code == 422
    assert locs(changed) == [["body", "domains"]]
    assert list(account.domains.values_list("domain", flat=True)) == ["acme.test"]
