"""The ticket page's hand-off: a ticket handed over temporarily shown as such, "Hand off now",
"Take it back", and the lead's hand-over cap page."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine

from sunrelay.schedule import handoffs, holds
from sunrelay.schedule.models import Handoff, HandoverEnd
from sunrelay.sla.models import Policy, Target
from tests.factories import make_ticket
from tests.schedule.builders import make_worker

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}
# Tuesday 24 November 2026, 15:05 UTC: Madrid and New York are on shift.
NOW = datetime(2026, 11, 24, 15, 5, tzinfo=UTC)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def team(db):
    policy = Policy.objects.create(name="4 h")
    Target.objects.create(policy=policy, metric="first_reply", minutes=240, business=False)
    return {
        "marta": make_worker("marta", "Europe/Madrid"),
        "nora": make_worker("nora", "America/New_York"),
    }


@pytest.fixture
def mine(team, contact):
    return make_ticket(contact, subject="Tiles blank", assignee=team["marta"])


def page(client, user, ticket) -> str:
    client.force_login(user)
    response = client.get(f"/desk/tickets/{ticket.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_hand_off_now_without_javascript_and_the_ticket_shows_whom_it_is_held_for(
    client, team, mine
):
    html = page(client, team["marta"], mine)
    assert 'id="hand-off-now"' in html and 'id="take-back"' not in html
    response = client.post(f"/desk/tickets/{mine.pk}/hand-off/", {"to": ""})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.assignee == team["nora"]  # routing: the one on shift with room
    html = page(client, team["marta"], mine)
    assert "holding it for Marta until Wed 25 Nov 09:00" in html  # Marta's own zone
    assert "Handed over temporarily." in html and 'id="take-back"' in html
    assert "Handed off: Nora holds it for Marta until Wed 25 Nov 09:00." in html
    # The holder sees the hold, not the button that belongs to the owner.
    html = page(client, team["nora"], mine)
    assert "Nora holds it for Marta" in html and 'id="take-back"' not in html


def test_take_it_back_is_the_owners(client, team, mine):
    handoffs.hand_off_now(mine, team["marta"], to=team["nora"])
    client.force_login(team["nora"])
    assert client.post(f"/desk/tickets/{mine.pk}/take-back/").status_code == 403
    client.force_login(team["marta"])
    response = client.post(f"/desk/tickets/{mine.pk}/take-back/", headers=HTMX)
    assert response.status_code == 200
    assert "Taken back: the ticket is yours again." in response.content.decode()
    mine.refresh_from_db()
    assert mine.assignee == team["marta"]
    assert Handoff.objects.get().outcome == HandoverEnd.TAKEN_BACK
    response = client.post(f"/desk/tickets/{mine.pk}/take-back/", headers=HTMX)
    assert response.status_code == 422
    assert "not handed over: nothing to take back" in response.content.decode()


def test_a_refused_hand_off_says_why_in_place(client, team, mine, lead, contact):
    holds.set_handover_cap(lead, 1)
    other = make_ticket(contact, subject="Other", assignee=team["marta"])
    handoffs.hand_off_now(other, team["marta"], to=team["nora"])
    client.force_login(team["marta"])
    response = client.post(
        f"/desk/tickets/{mine.pk}/hand-off/", {"to": team["nora"].pk}, headers=HTMX
    )
    assert response.status_code == 422
    assert response["HX-Retarget"] == "#handoff-now-form"
    assert "Nora already holds 1 tickets for colleagues, the most the lead allows (1)" in (
        response.content.decode()
    )
    mine.refresh_from_db()
    assert mine.assignee == team["marta"]


def test_a_held_ticket_page_costs_no_more_queries(
    client, team, mine, django_assert_max_num_queries
):
    handoffs.hand_off_now(mine, team["marta"], to=team["nora"])
    client.force_login(team["marta"])
    # The budget of an ordinary ticket's page (test_views_tickets): the hold comes with the
    # ticket's own query, and both lists of people are read once.
    with django_assert_max_num_queries(18):
        assert client.get(f"/desk/tickets/{mine.pk}/").status_code == 200


def test_the_lead_sets_the_cap_on_a_page_others_read(client, agent, lead):
    client.force_login(agent)
    html = client.get("/desk/handoffs/settings/").content.decode()
    assert "<strong>5</strong> tickets for colleagues at most" in html
    assert client.post("/desk/handoffs/settings/", {"handover_cap": "3"}).status_code == 403
    client.force_login(lead)
    response = client.post("/desk/handoffs/settings/", {"handover_cap": "0"})
    assert response.status_code == 422
    assert "Give a whole number from 1 to 50." in response.content.decode()
    response = client.post("/desk/handoffs/settings/", {"handover_cap": "3"}, follow=True)
    assert "Saved: each person holds at most 3 for colleagues." in response.content.decode()
    assert holds.per_person_cap() == 3
