from __future__ import annotations

import pytest

from sunrelay.accounts.models import Contact
from tests.api.conftest import locs
from tests.factories import make_account, make_contact


def emails(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["email"] for item in response.json()["items"]]


def test_it_lists_and_filters_contacts(as_agent, contact):
    globex = make_account("Globex", domains=["globex.test"])
    make_contact("Gus Advanced", "gus@globex.test", account=globex, skill="advanced")
    body = as_agent.get("/contacts").json()
    assert body["count"] == 2
    assert body["items"][0]["account"]["name"] == "Acme Maps"
    assert emails(as_agent.get("/contacts", {"account": globex.pk})) == ["gus@globex.test"]
    assert emails(as_agent.get("/contacts", {"skill": "beginner"})) == ["carla@acme.test"]
    assert emails(as_agent.get("/contacts", {"email": "GUS@globex.test"})) == ["gus@globex.test"]
    assert emails(as_agent.get("/contacts", {"q": "advan"})) == ["gus@globex.test"]
    assert emails(as_agent.get("/contacts", {"q": "acme"})) == ["carla@acme.test"]


def test_it_reads_a_contact(as_agent, contact):
    assert as_agent.get(f"/contacts/{contact.pk}").json()["skill"] == "beginner"
    assert as_agent.get("/contacts/999999").status_code == 404


def test_it_creates_a_contact_in_the_account_of_its_domain(as_agent, account):
    response = as_agent.post(
        "/contacts", {"email": "Dev@Acme.Test", "name": "Dev", "skill": "advanced"}
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["email"] == "Dev@acme.test"
    assert body["account"]["id"] == account.pk
    assert body["skill"] == "advanced"


def test_it_creates_a_contact_without_account_when_told_so(as_agent, account):
    response = as_agent.post("/contacts", {"email": "free@acme.test", "account_id": None})
    assert response.status_code == 201
    assert response.json()["account"] is None


def test_it_creates_a_contact_in_a_named_account(as_agent, account):
    other = make_account("Globex")
    response = as_agent.post("/contacts", {"email": "x@acme.test", "account_id": other.pk})
    assert response.json()["account"]["id"] == other.pk


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"email": "CARLA@acme.test"}, "email"),
        ({"email": "not-an-address"}, "email"),
        ({"email": "x@acme.test", "skill": "guru"}, "skill"),
        ({"email": "x@acme.test", "account_id": 999_999}, "account_id"),
        ({"name": "No address"}, "email"),
    ],
)
def test_it_refuses_invalid_contacts(as_agent, contact, fields, field):
    response = as_agent.post("/contacts", fields)
    assert response.status_code == 422, response.content
    assert locs(response)[0][:2] == ["body", field]
    assert Contact.objects.count() == 1


def test_it_changes_a_contact(as_agent, contact):
    globex = make_account("Globex")
    response = as_agent.patch(
        f"/contacts/{contact.pk}",
        {"name": "Carla C.", "skill": "intermediate", "account_id": globex.pk},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["name"] == "Carla C."
    assert body["skill"] == "intermediate"
    assert body["account"]["name"] == "Globex"
    assert body["email"] == "carla@acme.test"


def test_it_refuses_an_email_another_contact_has(as_agent, contact):
    other = make_contact("Otto", "otto@acme.test")
    response = as_agent.patch(f"/contacts/{other.pk}", {"email": "Carla@ACME.test"})
    assert response.status_code == 422
    assert locs(response) == [["body", "email"]]


def test_it_keeps_its_own_email_in_another_case(as_agent, contact):
    response = as_agent.patch(f"/contacts/{contact.pk}", {"email": "Carla@acme.test"})
    assert response.status_code == 200
    assert response.json()["email"] == "Carla@acme.test"
