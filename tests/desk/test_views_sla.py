"""SLAs in the workspace: the queue's SLA column, the ticket's SLA panel, "why it sits here"
and the hand-off note, at fixed moments of a Madrid working day."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta

import pytest
import time_machine

from sunrelay.desk import services
from sunrelay.desk.models import Status
from sunrelay.schedule.models import HandoffNote
from sunrelay.sla.models import Calendar, CalendarInterval, Policy, Target
from tests.factories import make_account, make_contact, make_ticket

pytestmark = pytest.mark.django_db

# Tuesday 24 November 2026, 09:00 in Madrid (CET, UTC+1).
TUESDAY_9 = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
HTMX = {"HX-Request": "true"}


@pytest.fixture
def policy(db):
    cal = Calendar.objects.create(name="Madrid office", time_zone="Europe/Madrid")
    for day in range(5):
        CalendarInterval.objects.create(calendar=cal, weekday=day, start=time(9), end=time(17))
    policy = Policy.objects.create(position=1, name="Enterprise 4 h", calendar=cal)
    Target.objects.create(policy=policy, metric="first_reply", minutes=240)
    Target.objects.create(policy=policy, metric="resolution", minutes=16 * 60)
    return policy


@pytest.fixture
def big(db, sales):
    account = make_account("Globe Freight", tier="enterprise", mrr=16000, strategic=True, ae=sales)
    return make_contact("Gus", "gus@globe.test", account=account)


@pytest.fixture
def due(policy, big):
    with time_machine.travel(TUESDAY_9, tick=False):
        return make_ticket(big, "Routing API returns 502", priority="high")


def sla_cell(html: str, ticket) -> tuple[str, str, str]:
    """(state class, title, text) of the ticket's SLA cell in a queue page."""
    row = re.search(rf'<tr data-href="/desk/tickets/{ticket.pk}/".*?</tr>', html, flags=re.S)
    cell = re.search(
        r'<td class="col-urgency"><span class="sla sla-(\w+)" title="([^"]*)">([^<]*)</span>',
        row.group(0),
    )
    return cell.groups()


def words(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def at(delta: timedelta):
    return time_machine.travel(TUESDAY_9 + delta, tick=False)


@pytest.mark.parametrize(
    ("after", "state", "text"),
    [
        (timedelta(hours=1, minutes=50), "ok", "2 h 10 min left"),
        # 75 % of the four hours gone: a warning even before the worker has looked.
        (timedelta(hours=3, minutes=10), "warning", "50 min left"),
        (timedelta(hours=4, minutes=40), "breached", "breached 40 min ago"),
    ],
)
def test_the_queue_shows_the_next_deadline_as_time_left(client, agent, due, after, state, text):
    client.force_login(agent)
    with at(after):
        html = client.get("/desk/queues/open/").content.decode()
    assert sla_cell(html, due) == (
        state,
        "First reply due Tue 24 Nov 2026 13:00 CET (2026-11-24 12:00 UTC)",
        text,
    )
    assert '<th scope="col" class="col-urgency"' in html


def test_the_deadline_is_shown_in_the_viewers_own_time_zone(client, sales, due):
    client.force_login(sales)  # New York
    with at(timedelta(hours=1)):
        html = client.get("/desk/queues/open/").content.decode()
    assert sla_cell(html, due)[1].startswith("First reply due Tue 24 Nov 2026 07:00 EST")


def test_a_ticket_waiting_on_the_customer_shows_paused(client, agent, due):
    with at(timedelta(hours=1)):
        services.reply(due, agent, "Could you send the request id?", status=Status.PENDING)
    client.force_login(agent)
    with at(timedelta(hours=2)):
        html = client.get("/desk/queues/open/").content.decode()
    assert sla_cell(html, due)[0::2] == ("paused", "paused")


def test_a_late_first_reply_no_longer_counts_as_the_next_deadline(client, agent, due):
    with at(timedelta(hours=5)):
        services.reply(due, agent, "Sorry for the wait: looking now.", status=Status.OPEN)
    client.force_login(agent)
    with at(timedelta(hours=6)):
        html = client.get("/desk/queues/open/").content.decode()
        page = client.get(f"/desk/tickets/{due.pk}/").content.decode()
    state, title, _text = sla_cell(html, due)
    assert state == "ok" and title.startswith("Resolution due")
    assert "met late, 1 h over" in page
    # ... nor for "most urgent first": the ticket sits by its resolution deadline now.
    assert "resolution due Wed 25 Nov 17:00 · priority high" in words(page)


def test_a_ticket_without_a_policy_shows_a_dash(client, agent, ticket):
    client.force_login(agent)
    html = client.get("/desk/queues/open/").content.decode()
    assert sla_cell(html, ticket) == ("none", "No SLA policy applies to this ticket", "—")


def test_the_sla_column_costs_the_same_queries_for_five_tickets_as_for_fifty(
    client, agent, policy, big, django_assert_max_num_queries
):
    client.force_login(agent)

    def count() -> int:
        # 13 since saved views joined the navigation (test_views_queues says the same).
        with django_assert_max_num_queries(13) as captured:
            assert client.get("/desk/queues/open/").status_code == 200
        return len(captured.captured_queries)

    with at(timedelta(0)):
        for i in range(5):
            make_ticket(big, f"T{i}", priority="high")
    with at(timedelta(hours=1)):
        few = count()
    with at(timedelta(0)):
        for i in range(55):
            make_ticket(big, f"U{i}", priority="normal" if i % 2 else "urgent")
    with at(timedelta(hours=1)):
        many = count()
        assert many == few
        html = client.get("/desk/queues/open/").content.decode()
    assert html.count('class="sla sla-ok"') == 50


def test_the_ticket_page_lists_each_target_in_business_time(client, agent, due):
    client.force_login(agent)
    # Tuesday 18:00 in Madrid: the office closed at 17:00 with 1 h of the 4 h left.
    with at(timedelta(hours=9)):
        html = client.get(f"/desk/tickets/{due.pk}/").content.decode()
    panel = html[html.index('class="panel sla-panel"') :]
    panel = panel[: panel.index("</section>")]
    assert "Enterprise 4 h" in panel
    first = re.search(r'data-metric="first_reply">(.*?)</li>', panel, flags=re.S).group(1)
    text = " ".join(re.sub(r"<[^>]+>", " ", first).split())
    assert text == "First reply 4 h business time breached due 13:00 · over by 4 h used 8 h of 4 h"
    # Resolution: 16 business hours from Tuesday 09:00 is Wednesday 17:00; 8 h used.
    resolution = re.search(r'data-metric="resolution">(.*?)</li>', panel, flags=re.S).group(1)
    words = " ".join(re.sub(r"<[^>]+>", " ", resolution).split())
    assert words == (
        "Resolution 16 h business time ok due Wed 25 Nov 17:00 · 8 h left used 8 h of 16 h"
    )
    assert 'title="Wed 25 Nov 2026 17:00 CET (2026-11-25 16:00 UTC)"' in panel


def test_the_ticket_page_says_why_it_sits_where_it_sits(client, agent, due):
    client.force_login(agent)
    with at(timedelta(hours=1)):
        html = client.get(f"/desk/tickets/{due.pk}/").content.decode()
    assert (
        "Why it sits here first reply due 13:00 · priority high: 2 h earlier · "
        "Enterprise tier: 2 h earlier · strategic account: 2 h earlier · "
        "MRR $16,000: 1 h 6 min earlier"
    ) in words(html)
    # 13:00 less 7 h 6 min of credits.
    assert "places it as if due <time" in html and ">05:54</time>" in html


def test_an_agent_leaves_a_hand_off_note_and_a_new_one_replaces_it(client, agent, due):
    client.force_login(agent)
    response = client.post(
        f"/desk/tickets/{due.pk}/handoff-note/", {"text": "Repro in staging; call Gus first."}
    )
    assert response.status_code == 302
    html = client.get(f"/desk/tickets/{due.pk}/").content.decode()
    assert "Repro in staging; call Gus first." in html and "Replace the note" in html
    response = client.post(
        f"/desk/tickets/{due.pk}/handoff-note/", {"text": "Fixed in staging."}, headers=HTMX
    )
    assert response.status_code == 200
    assert response.content.decode().lstrip().startswith('<div id="ticket-workspace"')
    notes = list(HandoffNote.objects.filter(ticket=due).order_by("created_at", "id"))
    assert [n.text for n in notes] == ["Repro in staging; call Gus first.", "Fixed in staging."]
    assert notes[0].used_at is not None and notes[1].used_at is None
    assert notes[1].author == agent


def test_an_empty_hand_off_note_is_refused_in_place(client, agent, due):
    client.force_login(agent)
    response = client.post(f"/desk/tickets/{due.pk}/handoff-note/", {"text": "  "}, headers=HTMX)
    assert response.status_code == 422
    assert response["HX-Retarget"] == "#handoff-form"
    assert "Write what the next region needs to know." in response.content.decode()
    plain = client.post(f"/desk/tickets/{due.pk}/handoff-note/", {"text": ""})
    assert plain.status_code == 422 and 'id="ticket-workspace"' in plain.content.decode()
    assert not HandoffNote.objects.exists()


def test_sales_read_the_sla_panel_but_cannot_leave_a_note(client, sales, due):
    client.force_login(sales)
    html = client.get(f"/desk/tickets/{due.pk}/").content.decode()
    assert 'class="panel sla-panel"' in html and "Why it sits here" in html
    assert 'id="handoff-form"' not in html
    response = client.post(f"/desk/tickets/{due.pk}/handoff-note/", {"text": "hi"})
    assert response.status_code == 403
    assert not HandoffNote.objects.exists()


def test_no_role_no_hand_off_note(client, outsider, due):
    client.force_login(outsider)
    assert client.post(f"/desk/tickets/{due.pk}/handoff-note/", {"text": "x"}).status_code == 403


def test_the_ticket_page_with_running_clocks_costs_a_fixed_number_of_queries(
    client, agent, due, django_assert_max_num_queries
):
    for i in range(10):
        with at(timedelta(minutes=10 + i)):
            services.note(due, agent, f"note {i}")
    client.force_login(agent)
    # The 18 of a ticket without SLAs, and the SLA configuration check (two queries).
    with at(timedelta(hours=1)), django_assert_max_num_queries(20):
        assert client.get(f"/desk/tickets/{due.pk}/").status_code == 200


@pytest.mark.parametrize(
    ("seconds", "days", "text"),
    [
        (30, True, "under 1 min"),
        (40 * 60, True, "40 min"),
        (130 * 60, True, "2 h 10 min"),
        (-130 * 60, True, "2 h 10 min"),
        (76 * 3600, True, "3 d 4 h"),
        (120 * 3600, False, "120 h"),  # business time has no 24-hour days
    ],
)
def test_deadline_durations_are_precise(seconds, days, text):
    from sunrelay.lib.formatting import duration_hm

    assert duration_hm(seconds, days) == text


def test_far_deadlines_are_shown_in_whole_hours_or_days(client, agent, due):
    client.force_login(agent)
    with at(timedelta(days=3)):
        html = client.get("/desk/queues/open/").content.decode()
    assert sla_cell(html, due)[2] == "breached 2 d ago"  # 68 h
