"""/team/time-off: log, list and cancel time off with its coverage plan."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine

from sunrelay.team.models import Coverage, TimeOff
from tests.api.conftest import BASE, locs
from tests.factories import make_staff, make_ticket

# Tuesday 24 November 2026, 10:00 UTC.
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def javier(db):
    return make_staff("javier", roles=["support"], time_zone="Europe/Madrid")


def test_an_agent_logs_time_off_with_a_full_plan(as_agent, agent, javier, lead, account, contact):
    ticket = make_ticket(contact, "Tiles", assignee=agent)
    response = as_agent.post(
        "/team/time-off",
        {
            "first_day": "2026-12-03",
            "last_day": "2026-12-04",
            "reason": "Family",
            "cover_id": javier.pk,
            "accounts": [{"account_id": account.pk, "cover_id": lead.pk}],
            "tickets": [{"ticket_id": ticket.pk, "cover_id": lead.pk}],
        },
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["user"]["username"] == "alba"
    assert (body["first_day"], body["last_day"], body["reason"]) == (
        "2026-12-03",
        "2026-12-04",
        "Family",
    )
    plan = {
        (c["cover"]["username"], (c["account"] or {}).get("id"), (c["ticket"] or {}).get("id"))
        for c in body["coverage"]
    }
    assert plan == {("javier", None, None), ("lucia", account.pk, None), ("lucia", None, ticket.pk)}


@pytest.mark.parametrize(
    ("payload", "loc"),
    [
        ({"first_day": "2026-11-20", "last_day": "2026-11-21"}, ["body", "first_day"]),
        ({"first_day": "2026-12-04", "last_day": "2026-12-03"}, ["body", "last_day"]),
        ({"first_day": "2026-12-04"}, ["body", "last_day"]),
        ({"first_day": "soon", "last_day": "2026-12-03"}, ["body", "first_day"]),
        (
            {"first_day": "2026-12-03", "last_day": "2026-12-03", "cover_id": 999999},
            ["body", "cover_id"],
        ),
        ({"first_day": "2026-12-03", "last_day": "2026-12-03", "cover": 1}, ["body", "cover"]),
    ],
)
def test_bad_time_off_is_a_422_on_the_field(as_agent, payload, loc):
    response = as_agent.post("/team/time-off", payload)
    assert response.status_code == 422
    assert loc in locs(response)
    assert not TimeOff.objects.exists()


def test_a_cover_who_does_not_work_tickets_is_a_422_on_cover_id(as_agent, sales):
    response = as_agent.post(
        "/team/time-off",
        {"first_day": "2026-12-03", "last_day": "2026-12-03", "cover_id": sales.pk},
    )
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"loc": ["body", "cover_id"], "msg": "Sam does not work tickets.", "type": "value_error"}
    ]


def test_a_plan_for_someone_elses_ticket_is_refused_whole(as_agent, agent, javier, contact):
    theirs = make_ticket(contact, "Javier's", assignee=javier)
    response = as_agent.post(
        "/team/time-off",
        {
            "first_day": "2026-12-03",
            "last_day": "2026-12-03",
            "tickets": [{"ticket_id": theirs.pk, "cover_id": javier.pk}],
        },
    )
    assert response.status_code == 422
    assert locs(response) == [["body", "tickets"]]
    assert not TimeOff.objects.exists()  # nothing half-written


def test_only_leads_log_time_off_for_others(as_agent, api_as, lead, javier):
    payload = {"user_id": javier.pk, "first_day": "2026-12-03", "last_day": "2026-12-03"}
    refused = as_agent.post("/team/time-off", payload)
    assert refused.status_code == 403
    assert refused.json() == {"detail": "Only a support lead can plan someone else's time off."}
    created = api_as(lead).post("/team/time-off", payload)
    assert created.status_code == 201 and created.json()["user"]["username"] == "javier"


def test_sales_and_outsiders_cannot_log_time_off(as_sales, as_outsider, anonymous):
    payload = {"first_day": "2026-12-03", "last_day": "2026-12-03"}
    assert as_sales.post("/team/time-off", payload).status_code == 403
    assert as_outsider.post("/team/time-off", payload).status_code == 403
    assert anonymous.post("/team/time-off", payload).status_code == 401
    assert not TimeOff.objects.exists()


def test_the_list_shows_reasons_to_the_person_and_leads_only(as_agent, api_as, agent, lead, javier):
    TimeOff.objects.create(
        user=javier, first_day=date(2026, 12, 1), last_day=date(2026, 12, 2), reason="Surgery"
    )
    TimeOff.objects.create(
        user=agent, first_day=date(2026, 12, 8), last_day=date(2026, 12, 8), reason="Moving"
    )
    TimeOff.objects.create(user=agent, first_day=date(2026, 10, 1), last_day=date(2026, 10, 2))
    items = as_agent.get("/team/time-off").json()["items"]
    assert [(t["user"]["username"], t["reason"]) for t in items] == [
        ("javier", None),
        ("alba", "Moving"),
    ]
    as_lead = api_as(lead)
    assert [t["reason"] for t in as_lead.get("/team/time-off").json()["items"]] == [
        "Surgery",
        "Moving",
    ]
    everything = as_agent.get("/team/time-off", {"ended": "true", "user": agent.pk}).json()
    assert [t["first_day"] for t in everything["items"]] == ["2026-10-01", "2026-12-08"]


def test_delete_cancels_own_time_off_only(as_agent, agent, javier):
    mine = TimeOff.objects.create(
        user=agent, first_day=date(2026, 12, 3), last_day=date(2026, 12, 3)
    )
    Coverage.objects.create(time_off=mine, cover=javier)
    theirs = TimeOff.objects.create(
        user=javier, first_day=date(2026, 12, 8), last_day=date(2026, 12, 8)
    )
    assert as_agent.client.delete(f"{BASE}/team/time-off/{theirs.pk}").status_code == 403
    response = as_agent.client.delete(f"{BASE}/team/time-off/{mine.pk}")
    assert response.status_code == 204
    assert list(TimeOff.objects.all()) == [theirs] and not Coverage.objects.exists()
    assert as_agent.client.delete(f"{BASE}/team/time-off/{mine.pk}").status_code == 404


def test_past_time_off_cannot_be_deleted(as_agent, agent):
    past = TimeOff.objects.create(
        user=agent, first_day=date(2026, 11, 2), last_day=date(2026, 11, 3)
    )
    response = as_agent.client.delete(f"{BASE}/team/time-off/{past.pk}")
    assert response.status_code == 422
    assert TimeOff.objects.filter(pk=past.pk).exists()


def test_telling_customers_through_the_api_happens_once(as_agent, agent, javier, account, contact):
    from sunrelay.mail.models import Outbox

    account.ce = agent
    account.save()
    mine = TimeOff.objects.create(user=agent, first_day=date(2030, 1, 7), last_day=date(2030, 1, 8))
    Coverage.objects.create(time_off=mine, cover=javier)
    theirs = TimeOff.objects.create(
        user=javier, first_day=date(2030, 1, 7), last_day=date(2030, 1, 7)
    )
    assert (
        as_agent.client.post(f"{BASE}/team/time-off/{theirs.pk}/tell-customers").status_code == 403
    )
    response = as_agent.client.post(f"{BASE}/team/time-off/{mine.pk}/tell-customers")
    assert response.status_code == 200 and response.json() == {"queued": 1}
    assert Outbox.objects.get().to == [contact.email]
    again = as_agent.client.post(f"{BASE}/team/time-off/{mine.pk}/tell-customers")
    assert again.status_code == 422


def test_sales_see_the_coverage_of_their_own_accounts_only(
    api_as, agent, sales, lead, account, contact
):
    from tests.factories import make_account, make_contact

    globex = make_account("Globex Secret", domains=["globex.test"])
    theirs = make_ticket(make_contact("Gil", "gil@globex.test", account=globex), "Globex outage")
    mine = make_ticket(contact, "Tiles", assignee=agent)
    time_off = TimeOff.objects.create(
        user=agent, first_day=date(2026, 12, 3), last_day=date(2026, 12, 4)
    )
    for scope in (
        {"account": account},
        {"account": globex},
        {"ticket": mine},
        {"ticket": theirs},
        {},
    ):
        Coverage.objects.create(time_off=time_off, cover=lead, **scope)
    [everything] = api_as(lead).get("/team/time-off").json()["items"]
    assert len(everything["coverage"]) == 5
    response = api_as(sales).get("/team/time-off")
    assert response.status_code == 200
    [seen] = response.json()["items"]
    assert "Globex" not in response.content.decode()
    plan = {
        ((c["account"] or {}).get("id"), (c["ticket"] or {}).get("id")) for c in seen["coverage"]
    }
    assert plan == {(account.pk, None), (None, mine.pk), (None, None)}
