"""/account-teams/{id}/cadence and /touches, and /rituals/{ritual}/agenda and /notes."""

from __future__ import annotations

from sunrelay.success import forms_to_support
from tests.api.conftest import locs
from tests.success.test_forms_to_support import REQUEST


def _put(client, path: str, body: dict):
    return client.client.put(f"/api/v1{path}", body, content_type="application/json")


def test_a_cadence_is_set_and_a_logged_touch_plans_the_next(api_as, account, sales):
    client = api_as(sales)  # the account's AE
    assert client.get(f"/account-teams/{account.pk}/cadence").json()["every_days"] is None
    saved = _put(client, f"/account-teams/{account.pk}/cadence", {"every_days": 14})
    assert saved.status_code == 200, saved.content
    logged = client.post(
        f"/account-teams/{account.pk}/touches",
        {"kind": "meeting", "on": "2026-12-01", "note": "Quarterly review"},
    )
    assert logged.status_code == 201, logged.content
    assert (logged.json()["kind"], logged.json()["by"]["username"]) == ("meeting", "sam")
    plan = client.get(f"/account-teams/{account.pk}/cadence").json()
    assert (plan["last_touch"], plan["next_touch"]) == ("2026-12-01", "2026-12-15")
    listed = client.get(f"/account-teams/{account.pk}/touches").json()
    assert [t["note"] for t in listed] == ["Quarterly review"]


def test_touches_and_cadences_are_refused_in_words(api_as, account, sales):
    client = api_as(sales)
    reply = client.post(f"/account-teams/{account.pk}/touches", {"kind": "reply"})
    assert reply.status_code == 422 and "counted by the desk" in reply.text
    assert locs(_put(client, f"/account-teams/{account.pk}/cadence", {"every_days": 0})) == [
        ["body", "every_days"]
    ]
    far = client.post(f"/account-teams/{account.pk}/touches", {"on": "9999-01-01"})
    assert far.status_code == 422


def test_the_agenda_comes_from_the_desk_and_the_notes_are_kept(api_as, account, lead, sales):
    forms_to_support.file_request(sales, account=account, **REQUEST)
    agenda = api_as(lead).get("/rituals/office_hours/agenda").json()
    assert [r["customer_name"] for r in agenda["new_requests"]] == [REQUEST["customer_name"]]
    assert api_as(lead).get("/rituals/feedback_review/agenda").json()["themes"] == []
    saved = _put(api_as(lead), "/rituals/office_hours/notes/2026-12-03", {"notes": "Tiles bug"})
    assert saved.status_code == 200, saved.content
    notes = api_as(sales).get("/rituals/office_hours/notes").json()
    assert [(n["held_on"], n["notes"]) for n in notes] == [("2026-12-03", "Tiles bug")]
    refused = _put(api_as(sales), "/rituals/office_hours/notes/2026-12-03", {"notes": "Mine"})
    assert refused.status_code == 403
    assert api_as(lead).get("/rituals/no_such/agenda").status_code == 422
