"""Editing an opportunity after it was opened, taking back a checklist item, and the lead's
checklist page: each change is kept in the history with who and when."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from sunrelay.presales import checklist_setup, editing, qualification, services
from sunrelay.presales.models import ChangeKind, QualificationItem
from tests.factories import make_account
from tests.presales.conftest import qualify
from tests.presales.test_api import api as api_of


def browser(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_edit_names_what_changed_and_who(people, opportunity):
    editing.update_opportunity(
        people["sam"], opportunity, stage="proposal", amount=50000, name="Ownco routing"
    )
    change = opportunity.changes.get()
    assert change.actor == people["sam"] and change.kind == ChangeKind.EDITED
    assert change.text == "stage: Discovery → Proposal; amount: 48000.00 → 50000.00"
    opportunity.refresh_from_db()
    assert opportunity.stage == "proposal"


def test_an_edit_that_changes_nothing_writes_nothing(people, opportunity):
    editing.update_opportunity(people["sam"], opportunity, name="Ownco routing")
    assert not opportunity.changes.exists()


def test_an_edit_cannot_win_or_lose_or_touch_another_reps_account(people, opportunity):
    with pytest.raises(ValidationError, match="outcome"):
        editing.update_opportunity(people["sam"], opportunity, stage="won")
    with pytest.raises(PermissionDenied):
        editing.update_opportunity(people["otto"], opportunity, amount=1)
    services.close(people["sam"], opportunity, "lost", "Budget went elsewhere.")
    with pytest.raises(ValidationError, match="lost"):
        editing.update_opportunity(people["sam"], opportunity, amount=1)


def test_unconfirming_reopens_the_gate_and_keeps_who_confirmed(people, opportunity):
    qualify(opportunity, people["sam"])
    assert qualification.is_qualified(opportunity)
    editing.unconfirm(people["sofia"], opportunity, "budget")
    assert qualification.missing(opportunity) == ["Budget"]
    change = opportunity.changes.get()
    assert change.kind == ChangeKind.UNCONFIRMED and change.actor == people["sofia"]
    assert change.text.startswith("Budget unconfirmed (confirmed by Sam")
    with pytest.raises(ValidationError, match="not confirmed"):
        editing.unconfirm(people["sofia"], opportunity, "budget")


def test_the_edit_page_and_the_history(people, opportunity):
    sam = browser(people["sam"])
    assert sam.get(f"/desk/opportunities/{opportunity.pk}/edit/").status_code == 200
    refused = sam.post(
        f"/desk/opportunities/{opportunity.pk}/edit/",
        {"name": "Ownco routing", "stage": "proposal", "amount": "-1", "currency": "EUR"},
    )
    assert refused.status_code == 422
    saved = sam.post(
        f"/desk/opportunities/{opportunity.pk}/edit/",
        {"name": "Ownco routing", "stage": "proposal", "amount": "48000", "currency": "EUR"},
    )
    assert saved.status_code == 302
    services.confirm(people["sam"], opportunity, "need")
    sam.post(f"/desk/opportunities/{opportunity.pk}/unconfirm/", {"item": "need"})
    page = sam.get(f"/desk/opportunities/{opportunity.pk}/").text
    assert "stage: Discovery → Proposal" in page and "Need unconfirmed" in page


def test_the_lead_sets_up_the_checklist(people, account):
    lucia = people["lucia"]
    added = checklist_setup.add_item(lucia, "Champion", "Someone inside wants us to win.")
    assert added.key == "champion" and added.position == 5
    checklist_setup.move_item(lucia, added, -1)
    assert [i.key for i in QualificationItem.objects.all()] == [
        "budget", "authority", "need", "champion", "timeline",
    ]  # fmt: skip
    budget = QualificationItem.objects.get(key="budget")
    checklist_setup.change_item(lucia, budget, label="Money", help_text="", active=False)
    fresh = services.create_opportunity(people["sam"], account=account, name="Tiles")
    assert qualification.missing(fresh) == ["Authority", "Need", "Champion", "Timeline"]
    with pytest.raises(ValidationError, match="already"):
        checklist_setup.add_item(lucia, "money")
    with pytest.raises(PermissionDenied):
        checklist_setup.add_item(people["sofia"], "Competition")


def test_the_checklist_page(people):
    lead = browser(people["lucia"])
    assert lead.post("/desk/opportunities/checklist/", {"label": ""}).status_code == 422
    assert lead.post("/desk/opportunities/checklist/", {"label": "Champion"}).status_code == 302
    champion = QualificationItem.objects.get(key="champion")
    lead.post(f"/desk/opportunities/checklist/{champion.pk}/move/", {"direction": "up"})
    lead.post(
        f"/desk/opportunities/checklist/{champion.pk}/",
        {f"item{champion.pk}-label": "Champion inside", f"item{champion.pk}-help_text": ""},
    )
    champion.refresh_from_db()
    assert champion.position == 4 and champion.label == "Champion inside" and not champion.active
    page = browser(people["sam"]).get("/desk/opportunities/checklist/")
    assert "Champion inside" in page.text and "Add an item" not in page.text
    refused = browser(people["sam"]).post("/desk/opportunities/checklist/", {"label": "Mine"})
    assert refused.status_code == 403


def test_the_api_edits_and_unconfirms(people, opportunity):
    qualify(opportunity, people["sam"])
    api = api_of(people["sam"])
    done = api.patch(
        f"/api/v1/opportunities/{opportunity.pk}",
        {"close_date": "2099-03-01"},
        content_type="application/json",
    )
    assert done.status_code == 200
    assert done.json()["changes"][0]["text"] == "close date: nothing → 2099-03-01"
    gone = api.delete(f"/api/v1/opportunities/{opportunity.pk}/confirmations/timeline")
    assert gone.status_code == 204
    again = api.delete(f"/api/v1/opportunities/{opportunity.pk}/confirmations/timeline")
    assert again.status_code == 422
    other = make_account("Elsewhere", ae=people["otto"])
    theirs = services.create_opportunity(people["otto"], account=other, name="Elsewhere")
    refused = api.patch(
        f"/api/v1/opportunities/{theirs.pk}", {"amount": 1}, content_type="application/json"
    )
    assert refused.status_code == 404
