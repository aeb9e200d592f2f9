"""The follow-the-sun pages: on shift now, coverage, hand-offs. Who sees what, and what."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

import pytest
import time_machine

from sunrelay.schedule.models import Handoff
from sunrelay.sla.models import Calendar, Policy, Target
from sunrelay.team.models import StaffProfile, TimeOff, WorkingInterval
from tests.factories import make_account, make_contact, make_staff, make_ticket

pytestmark = pytest.mark.django_db

# Tuesday 24 November 2026, 10:00 UTC: 11:00 in Madrid, 05:00 in New York.
TUESDAY_10 = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


def staff(username, zone, location, roles=("support",), levels=("l1", "l2"), hours=(9, 17)):
    user = make_staff(username, roles=list(roles), time_zone=zone)
    StaffProfile.objects.filter(user=user).update(location=location, support_levels=list(levels))
    for day in range(5):
        WorkingInterval.objects.create(
            profile=user.staff_profile, weekday=day, start=time(hours[0]), end=time(hours[1])
        )
    return user


@pytest.fixture
def team(db):
    return {
        "marta": staff("marta", "Europe/Madrid", "Madrid"),
        "nuria": staff("nuria", "Europe/Madrid", "Valencia", levels=("l1",)),
        "nora": staff("nora", "America/New_York", "New York"),
        "ines": staff("ines", "Europe/Madrid", "Valencia", roles=("customer_engineer",), levels=()),
    }


@pytest.fixture
def clock():
    with time_machine.travel(TUESDAY_10, tick=False):
        yield


def text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_on_shift_now_groups_people_by_region_with_their_shift_end(client, agent, team, clock):
    client.force_login(agent)
    response = client.get("/desk/shifts/")
    assert response.status_code == 200
    page = text(response)
    assert "Madrid · Valencia" in page and "Europe/Madrid · UTC+1" in page
    assert "Marta Madrid until 17:00 · 6 h left" in page
    assert "Support engineer · L1 · L2" in page
    assert "New York" in page and "Nobody on shift." in page
    assert "Nora back Tue 09:00" in page  # New York local time
    assert "3 of 4 people with working hours are on shift" in page


def test_on_shift_now_filters_by_role_and_level(client, agent, team, clock):
    client.force_login(agent)
    page = text(client.get("/desk/shifts/?role=customer_engineer"))
    assert "Ines" in page and "Marta" not in page
    page = text(client.get("/desk/shifts/?level=l2"))
    assert "Marta" in page and "Nuria" not in page and "Ines" not in page
    assert client.get("/desk/shifts/?role=bogus&level=%00").status_code == 200


def test_away_today_shows_the_reason_to_leads_and_the_person_only(client, agent, lead, team, clock):
    TimeOff.objects.create(
        user=team["nuria"],
        first_day=date(2026, 11, 23),
        last_day=date(2026, 11, 27),
        reason="Dentist",
    )
    client.force_login(agent)
    page = text(client.get("/desk/shifts/"))
    assert "Away today Nuria Valencia · Mon 23 Nov – Fri 27 Nov" in page
    assert "Dentist" not in page
    assert "Nuria until" not in page  # not on shift while away
    client.force_login(lead)
    assert "Dentist" in text(client.get("/desk/shifts/"))


def test_the_pages_refuse_people_without_a_role_and_admit_sales(client, outsider, sales, team):
    client.force_login(outsider)
    for url in ("/desk/shifts/", "/desk/coverage/", "/desk/handoffs/"):
        assert client.get(url).status_code == 403
    client.force_login(sales)
    for url in ("/desk/shifts/", "/desk/coverage/", "/desk/handoffs/"):
        assert client.get(url).status_code == 200
        assert client.post(url).status_code == 405


def test_the_desk_navigation_links_the_follow_the_sun_pages(client, agent, team):
    client.force_login(agent)
    html = client.get("/desk/coverage/").content.decode()
    assert 'href="/desk/shifts/" aria-current="page"' in html  # the top bar's "Shifts"
    for url in ("/desk/coverage/", "/desk/handoffs/", "/desk/time-off/"):
        assert f'href="{url}"' in html


@pytest.fixture
def around_the_clock(db):
    cal = Calendar.objects.create(name="Around the clock", time_zone="UTC")
    policy = Policy.objects.create(name="Enterprise", tiers=["enterprise"], calendar=cal)
    Target.objects.create(policy=policy, metric="first_reply", minutes=60, business=False)
    return policy


def test_coverage_marks_gaps_and_where_an_sla_clock_runs(client, agent, team, around_the_clock):
    client.force_login(agent)
    response = client.get("/desk/coverage/?week=2026-W48")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Week 2026-W48: Mon 23 Nov – Sun 29 Nov 2026" in text(response)
    cells = re.findall(r'<td class="cov-(\w+)" title="([^"]*)">(\d+)</td>', html)
    assert len(cells) == 168
    # Monday 10:00 UTC: three in Madrid and Valencia (11:00), New York asleep (05:00).
    state, title, count = cells[10]
    assert (state, count) == ("covered", "3")
    assert (
        "Madrid · Valencia 11:00: Marta, Nuria, Ines" in title and "New York 05:00: nobody" in title
    )
    # Monday 03:00 UTC: nobody, while the Enterprise clock runs in calendar time.
    assert cells[3][0] == "exposed" and "Enterprise: first reply (calendar time)" in cells[3][1]
    assert "for Enterprise tickets" in text(response)
    assert "2026-W47" in html and "2026-W49" in html


def test_coverage_shows_the_offset_change_in_a_dst_week(client, agent, team):
    client.force_login(agent)
    page = text(client.get("/desk/coverage/?week=2026-W44"))
    assert "America/New_York, UTC-4 → UTC-5" in page
    assert "Europe/Madrid, UTC+1" in page


def test_coverage_defaults_to_this_week_and_explains_a_bad_week(client, agent, team, clock):
    client.force_login(agent)
    assert "Week 2026-W48" in text(client.get("/desk/coverage/"))
    response = client.get("/desk/coverage/?week=2025-W53")
    assert response.status_code == 200
    assert "2025 has no week 53" in text(response) and "Week 2026-W48" in text(response)


def test_coverage_filters_by_level(client, agent, team):
    client.force_login(agent)
    html = client.get("/desk/coverage/?week=2026-W48&level=l2").content.decode()
    assert "Marta" in html and "Nuria" not in html


@pytest.fixture
def handoffs(team, sales):
    mine = make_account("Acme Maps", tier="enterprise", ae=sales)
    other = make_account("Globex", tier="pro")
    acme = make_ticket(make_contact("Carla", "carla@acme.test", account=mine), "Acme tiles")
    globex = make_ticket(make_contact("Gus", "gus@globex.test", account=other), "Globex routing")
    rows = []
    for i, (ticket, zone_from, zone_to) in enumerate(
        [
            (acme, "Europe/Madrid", "America/New_York"),
            (globex, "America/New_York", "America/Los_Angeles"),
            (globex, "Europe/Madrid", "America/New_York"),
        ]
    ):
        rows.append(
            Handoff.objects.create(
                ticket=ticket,
                at=datetime(2026, 11, 20 + i, 16, 0, tzinfo=UTC),
                from_user=team["marta"],
                to_user=team["nora"],
                from_region=zone_from,
                to_region=zone_to,
                next_deadline=datetime(2026, 11, 20 + i, 19, 0, tzinfo=UTC),
                note="Repro in staging.\nCall Carla first." if i == 0 else "Handed off by Sunrelay",
                generated=i != 0,
            )
        )
    return rows


def test_handoffs_list_what_crossed_between_regions(client, agent, handoffs):
    client.force_login(agent)
    response = client.get("/desk/handoffs/")
    page = text(response)
    assert "3 tickets handed from one region to the next" in page
    assert page.index("Sun 22 Nov 17:00") < page.index("Fri 20 Nov 17:00")  # newest first
    assert "Marta Madrid Nora New York" in page  # their own cities
    assert "Written by Marta" in page and "Summary by Sunrelay" in page
    assert f'href="/desk/tickets/{handoffs[0].ticket_id}/"' in response.content.decode()


def test_handoffs_filter_by_region_and_local_dates(client, agent, handoffs):
    client.force_login(agent)
    page = text(client.get("/desk/handoffs/?region=America/Los_Angeles"))
    assert "1 ticket handed" in page and "Globex routing" in page
    # Alba is in Madrid: 21 November local is 20 Nov 23:00 to 21 Nov 23:00 UTC.
    page = text(client.get("/desk/handoffs/?after=2026-11-21&before=2026-11-21"))
    assert "1 ticket handed" in page
    response = client.get("/desk/handoffs/?after=2026-11-22&before=2026-11-20&region=Mars")
    assert response.status_code == 200
    assert "The last day cannot be before the first." in text(response)


def test_sales_see_hand_offs_of_their_accounts_only(client, sales, handoffs):
    client.force_login(sales)
    page = text(client.get("/desk/handoffs/"))
    assert "1 ticket handed" in page and "Acme tiles" in page and "Globex" not in page


def test_handoffs_page_by_fifty_in_a_fixed_number_of_queries(
    client, agent, handoffs, django_assert_max_num_queries
):
    client.force_login(agent)
    with django_assert_max_num_queries(12) as few:
        client.get("/desk/handoffs/")
    base = handoffs[1]
    Handoff.objects.bulk_create(
        [
            Handoff(
                ticket_id=base.ticket_id,
                at=base.at - timedelta(hours=i),
                from_user_id=base.from_user_id,
                to_user_id=base.to_user_id,
                from_region=base.from_region,
                to_region=base.to_region,
                note="n",
            )
            for i in range(1, 60)
        ]
    )
    with django_assert_max_num_queries(12) as many:
        response = client.get("/desk/handoffs/")
    assert len(many.captured_queries) == len(few.captured_queries)
    assert "Page 1 of 2" in text(response)
