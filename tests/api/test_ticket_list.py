from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sunrelay.desk import services
from tests.api.conftest import locs
from tests.factories import make_account, make_contact, make_staff, make_ticket


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


@pytest.fixture
def other_contact(db):
    globex = make_account("Globex", tier="free", mrr=0, domains=["globex.test"])
    return make_contact("Gus", "gus@globex.test", account=globex)


def test_it_lists_tickets_in_the_page_envelope(as_agent, ticket):
    body = as_agent.get("/tickets").json()
    assert body["count"] == 1
    assert body["limit"] == 50
    assert body["offset"] == 0
    item = body["items"][0]
    assert item["id"] == ticket.pk
    assert item["subject"] == "Tiles render blank at zoom 14"
    assert item["account"]["name"] == "Acme Maps"
    assert item["requester"]["email"] == "carla@acme.test"
    assert item["status"] == "new"


def test_it_filters_by_any_of_several_statuses(as_agent, agent, contact):
    new = make_ticket(contact, subject="new one")
    opened = make_ticket(contact, subject="open one", assignee=agent)
    pending = make_ticket(contact, subject="pending one")
    services.update_ticket(pending, agent, status="pending")
    assert ids(as_agent.get("/tickets", {"status": "pending"})) == [pending.pk]
    both = as_agent.get("/tickets", {"status": ["new", "open"]})
    assert sorted(ids(both)) == sorted([new.pk, opened.pk])


def test_it_filters_by_assignee_me_none_and_id(as_agent, agent, lead, contact):
    mine = make_ticket(contact, subject="mine", assignee=agent)
    leads = make_ticket(contact, subject="lead's", assignee=lead)
    nobodys = make_ticket(contact, subject="unassigned")
    assert ids(as_agent.get("/tickets", {"assignee": "me"})) == [mine.pk]
    assert ids(as_agent.get("/tickets", {"assignee": "none"})) == [nobodys.pk]
    assert ids(as_agent.get("/tickets", {"assignee": str(lead.pk)})) == [leads.pk]


def test_it_filters_by_account_requester_and_tier(as_agent, ticket, contact, other_contact):
    other = make_ticket(other_contact, subject="globex")
    assert ids(as_agent.get("/tickets", {"account": other.account_id})) == [other.pk]
    assert ids(as_agent.get("/tickets", {"requester": contact.pk})) == [ticket.pk]
    assert ids(as_agent.get("/tickets", {"tier": "enterprise"})) == [ticket.pk]
    assert ids(as_agent.get("/tickets", {"tier": "free"})) == [other.pk]


def test_it_filters_by_priority_level_channel_and_tag(as_agent, contact):
    urgent = make_ticket(contact, subject="down", priority="urgent", level="l2", channel="email")
    tagged = make_ticket(contact, subject="tagged", tags=["WMS Layers"], channel="qa_site")
    assert ids(as_agent.get("/tickets", {"priority": "urgent"})) == [urgent.pk]
    assert ids(as_agent.get("/tickets", {"level": "l2"})) == [urgent.pk]
    assert ids(as_agent.get("/tickets", {"channel": "qa_site"})) == [tagged.pk]
    # Tags are matched the way they are stored: lower case, spaces as hyphens.
    assert ids(as_agent.get("/tickets", {"tag": "wms layers"})) == [tagged.pk]
    assert ids(as_agent.get("/tickets", {"tag": "x" * 80})) == []


def test_it_filters_by_interesting_and_subject_text(as_agent, agent, contact):
    talk = make_ticket(contact, subject="Projection mismatch in EPSG:3857")
    make_ticket(contact, subject="Invoice question")
    services.update_ticket(talk, agent, interesting=True)
    assert ids(as_agent.get("/tickets", {"interesting": "true"})) == [talk.pk]
    assert ids(as_agent.get("/tickets", {"q": "epsg"})) == [talk.pk]
    assert len(ids(as_agent.get("/tickets", {"interesting": "false"}))) == 1


def test_it_filters_by_creation_and_update_times(as_agent, agent, contact):
    old = make_ticket(contact, subject="old", at=datetime(2026, 1, 5, 12, 0, tzinfo=UTC))
    new = make_ticket(contact, subject="new", at=datetime(2026, 2, 5, 12, 0, tzinfo=UTC))
    services.update_ticket(old, agent, priority="high", at=datetime(2026, 3, 1, tzinfo=UTC))
    assert ids(as_agent.get("/tickets", {"created_after": "2026-02-01T00:00:00Z"})) == [new.pk]
    assert ids(as_agent.get("/tickets", {"created_before": "2026-02-01"})) == [old.pk]
    # A time without an offset is UTC.
    assert ids(as_agent.get("/tickets", {"updated_after": "2026-02-20T00:00:00"})) == [old.pk]


def test_it_orders_by_priority_rank_not_alphabet(as_agent, contact):
    made = {
        p: make_ticket(contact, subject=p, priority=p) for p in ("high", "low", "urgent", "normal")
    }
    expected = [made[p].pk for p in ("urgent", "high", "normal", "low")]
    assert ids(as_agent.get("/tickets", {"ordering": "-priority"})) == expected
    assert ids(as_agent.get("/tickets", {"ordering": "priority"})) == expected[::-1]


def test_it_orders_by_creation_time(as_agent, contact):
    first = make_ticket(contact, subject="first", at=datetime(2026, 1, 1, tzinfo=UTC))
    second = make_ticket(contact, subject="second", at=datetime(2026, 1, 2, tzinfo=UTC))
    assert ids(as_agent.get("/tickets", {"ordering": "created_at"})) == [first.pk, second.pk]
    assert ids(as_agent.get("/tickets", {"ordering": "-created_at"})) == [second.pk, first.pk]
    # Most recently updated first by default.
    assert ids(as_agent.get("/tickets")) == [second.pk, first.pk]


def test_it_pages_with_limit_and_offset(as_agent, contact):
    made = [make_ticket(contact, subject=f"t{i}").pk for i in range(5)]
    first = as_agent.get("/tickets", {"ordering": "id", "limit": 2}).json()
    assert first["count"] == 5
    assert [i["id"] for i in first["items"]] == made[:2]
    rest = as_agent.get("/tickets", {"ordering": "id", "limit": 2, "offset": 4}).json()
    assert [i["id"] for i in rest["items"]] == made[4:]
    assert rest["offset"] == 4
    beyond = as_agent.get("/tickets", {"offset": 50}).json()
    assert beyond["items"] == [] and beyond["count"] == 5


@pytest.mark.parametrize(
    "params, field",
    [
        ({"limit": 0}, "limit"),
        ({"limit": 201}, "limit"),
        ({"offset": -1}, "offset"),
        ({"ordering": "subject"}, "ordering"),
        ({"status": "lost"}, "status"),
        ({"assignee": "someone"}, "assignee"),
        ({"created_after": "yesterday"}, "created_after"),
        ({"account": "acme"}, "account"),
    ],
)
def test_it_refuses_bad_query_parameters(as_agent, params, field):
    response = as_agent.get("/tickets", params)
    assert response.status_code == 422
    assert locs(response)[0][:2] == ["query", field]


def test_it_lists_assignee_tags_and_ccs(as_agent, agent, contact):
    cc = make_contact("Cody", "cody@acme.test", account=contact.account)
    make_ticket(contact, subject="with all", assignee=agent, tags=["b", "a"], ccs=[cc])
    item = as_agent.get("/tickets").json()["items"][0]
    assert item["assignee"] == {"id": agent.pk, "username": "alba", "name": "Alba"}
    assert item["tags"] == ["a", "b"]
    assert item["cc_emails"] == ["cody@acme.test"]


def test_it_lists_tickets_of_every_account_to_working_staff(api_as, ticket, other_contact):
    engineer = make_staff("ed", roles=["engineering"])
    make_ticket(other_contact, subject="globex")
    assert api_as(engineer).get("/tickets").json()["count"] == 2
