"""The time-off pages: log days away with a cover, plan per account and ticket, cancel."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
import time_machine

from sunrelay.team.models import Coverage, TimeOff
from tests.factories import make_staff, make_ticket

pytestmark = pytest.mark.django_db

# Tuesday 24 November 2026, 10:00 UTC.
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def javier(db):
    return make_staff("javier", roles=["support"], time_zone="Europe/Madrid")


def text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def log(client, **data):
    return client.post("/desk/time-off/", {"first_day": "", "last_day": "", **data})


def test_an_agent_logs_time_off_with_a_cover_then_plans_the_rest(client, agent, javier):
    client.force_login(agent)
    page = client.get("/desk/time-off/")
    assert page.status_code == 200 and 'name="first_day"' in page.content.decode()
    assert 'name="user"' not in page.content.decode()  # only leads plan for others
    response = log(
        client,
        first_day="2026-12-03",
        last_day="2026-12-04",
        reason="Family",
        cover=javier.pk,
    )
    time_off = TimeOff.objects.get(user=agent)
    assert response.status_code == 302 and response["Location"] == f"/desk/time-off/{time_off.pk}/"
    assert [c.cover for c in time_off.coverage.all()] == [javier]
    listed = text(client.get("/desk/time-off/"))
    assert (
        "Alba Europe/Madrid Thu 3 Dec – Fri 4 Dec 2 days · Family Javier covers the rest" in listed
    )


def test_bad_dates_are_refused_in_place(client, agent):
    client.force_login(agent)
    response = log(client, first_day="2026-11-20", last_day="2026-11-19")
    assert response.status_code == 422
    page = text(response)
    assert "the first day cannot be in the past" in page
    assert "The last day cannot be before the first day." in page
    assert text(log(client, first_day="tomorrow")).count("Enter a valid date.") == 1
    assert not TimeOff.objects.exists()


def test_a_cover_who_is_away_too_is_refused(client, agent, javier):
    TimeOff.objects.create(user=javier, first_day=date(2026, 12, 4), last_day=date(2026, 12, 4))
    client.force_login(agent)
    response = log(client, first_day="2026-12-03", last_day="2026-12-04", cover=javier.pk)
    assert response.status_code == 422
    assert "Javier is away too (on 4 Dec)." in text(response)


def test_a_lead_logs_time_off_for_someone_else(client, lead, javier):
    client.force_login(lead)
    assert 'name="user"' in client.get("/desk/time-off/").content.decode()
    response = log(client, user=javier.pk, first_day="2026-12-01", last_day="2026-12-01")
    assert response.status_code == 302
    assert TimeOff.objects.get().user == javier


def test_an_agent_cannot_log_or_cancel_for_someone_else(client, agent, javier):
    client.force_login(agent)
    response = log(client, user=javier.pk, first_day="2026-12-01", last_day="2026-12-01")
    assert TimeOff.objects.get().user == agent  # the field is not theirs: ignored
    assert response.status_code == 302
    theirs = TimeOff.objects.create(
        user=javier, first_day=date(2026, 12, 8), last_day=date(2026, 12, 8), reason="Private"
    )
    listed = text(client.get("/desk/time-off/"))
    assert "Javier" in listed and "Private" not in listed
    assert client.post(f"/desk/time-off/{theirs.pk}/cancel/").status_code == 403
    assert client.post(f"/desk/time-off/{theirs.pk}/", {"cover": agent.pk}).status_code == 403
    assert TimeOff.objects.filter(pk=theirs.pk).exists()


def test_sales_read_time_off_but_every_write_is_403(client, sales, agent):
    mine = TimeOff.objects.create(
        user=agent, first_day=date(2026, 12, 8), last_day=date(2026, 12, 8)
    )
    client.force_login(sales)
    page = client.get("/desk/time-off/")
    assert page.status_code == 200 and "Read-only" in text(page)
    assert log(client, first_day="2026-12-01", last_day="2026-12-01").status_code == 403
    assert client.post(f"/desk/time-off/{mine.pk}/cancel/").status_code == 403
    assert client.post(f"/desk/time-off/{mine.pk}/", {"cover": agent.pk}).status_code == 403
    assert client.get(f"/desk/time-off/{mine.pk}/").status_code == 200
    assert TimeOff.objects.count() == 1


def test_no_role_no_time_off(client, outsider, agent):
    client.force_login(outsider)
    assert client.get("/desk/time-off/").status_code == 403
    assert log(client, first_day="2026-12-01", last_day="2026-12-01").status_code == 403


def test_the_plan_names_covers_per_account_and_per_open_ticket(
    client, agent, javier, lead, account, contact
):
    ticket = make_ticket(contact, "Tiles blank", assignee=agent)
    time_off = TimeOff.objects.create(
        user=agent, first_day=date(2026, 12, 3), last_day=date(2026, 12, 4)
    )
    client.force_login(agent)
    page = client.get(f"/desk/time-off/{time_off.pk}/").content.decode()
    assert f'name="account-{account.pk}"' in page and f'name="ticket-{ticket.pk}"' in page
    response = client.post(
        f"/desk/time-off/{time_off.pk}/",
        {"cover": javier.pk, f"account-{account.pk}": lead.pk, f"ticket-{ticket.pk}": ""},
    )
    assert response.status_code == 302
    assert {(c.cover_id, c.account_id, c.ticket_id) for c in Coverage.objects.all()} == {
        (javier.pk, None, None),
        (lead.pk, account.pk, None),
    }
    again = client.get(f"/desk/time-off/{time_off.pk}/").content.decode()
    assert re.search(rf'name="account-{account.pk}".*?value="{lead.pk}" selected', again, re.S)


def test_a_plan_with_a_cover_who_is_away_is_refused_in_place(client, agent, javier):
    TimeOff.objects.create(user=javier, first_day=date(2026, 12, 3), last_day=date(2026, 12, 3))
    time_off = TimeOff.objects.create(
        user=agent, first_day=date(2026, 12, 3), last_day=date(2026, 12, 4)
    )
    client.force_login(agent)
    response = client.post(f"/desk/time-off/{time_off.pk}/", {"cover": javier.pk})
    assert response.status_code == 422
    assert "Javier is away too (on 3 Dec)." in text(response)
    bogus = client.post(f"/desk/time-off/{time_off.pk}/", {"cover": "999999"})
    assert bogus.status_code == 422
    assert not Coverage.objects.exists()


def test_cancel_removes_own_time_off(client, agent):
    time_off = TimeOff.objects.create(
        user=agent, first_day=date(2026, 12, 3), last_day=date(2026, 12, 4)
    )
    client.force_login(agent)
    response = client.post(f"/desk/time-off/{time_off.pk}/cancel/")
    assert response.status_code == 302
    assert not TimeOff.objects.exists()
    assert client.get(f"/desk/time-off/{time_off.pk}/cancel/").status_code == 405


def test_only_the_person_or_a_lead_can_tell_their_customers(client, db):
    from datetime import date

    from sunrelay.mail.models import Outbox
    from sunrelay.team.models import TimeOff
    from tests.factories import make_staff

    away = make_staff("iria", roles=["support"])
    colleague = make_staff("xavi", roles=["support"])
    leave = TimeOff.objects.create(user=away, first_day=date(2030, 1, 7), last_day=date(2030, 1, 9))
    client.force_login(colleague)
    assert client.post(f"/desk/time-off/{leave.pk}/tell-customers/").status_code == 403
    client.force_login(away)
    response = client.post(f"/desk/time-off/{leave.pk}/tell-customers/")
    assert response.status_code == 302
    leave.refresh_from_db()
    assert leave.customers_told_at is not None and not Outbox.objects.exists()  # nobody to tell


def test_sales_see_only_their_own_accounts_in_a_coverage_plan(
    client, agent, sales, lead, account, contact
):
    from tests.factories import make_account, make_contact

    globex = make_account("Globex Secret", domains=["globex.test"])
    theirs = make_ticket(make_contact("Gil", "gil@globex.test", account=globex), "Globex outage")
    mine = make_ticket(contact, "Tiles blank", assignee=agent)
    theirs.assignee = agent
    theirs.save()
    time_off = TimeOff.objects.create(
        user=agent, first_day=date(2026, 12, 3), last_day=date(2026, 12, 4)
    )
    client.force_login(lead)
    page = text(client.get(f"/desk/time-off/{time_off.pk}/"))
    assert "Globex Secret" in page and "Globex outage" in page  # leads plan all of it
    client.force_login(sales)
    page = text(client.get(f"/desk/time-off/{time_off.pk}/"))
    assert "Acme Maps" in page and "Tiles blank" in page
    assert "Globex" not in page
    assert f"#{theirs.pk}" not in page and f"#{mine.pk}" in page


def cover_options(html: str, select_id: str) -> list[str]:
    select = re.search(rf'<select[^>]*id="{select_id}".*?</select>', html, re.S).group(0)
    return re.findall(r'<option value="(\d+)"', select)


def test_nobody_is_offered_as_their_own_cover(client, agent, javier, lead):
    client.force_login(agent)
    logging = client.get("/desk/time-off/").content.decode()
    assert str(agent.pk) not in cover_options(logging, "id_cover")
    assert str(javier.pk) in cover_options(logging, "id_cover")
    TimeOff.objects.create(user=javier, first_day=date(2026, 12, 3), last_day=date(2026, 12, 3))
    mine = TimeOff.objects.create(
        user=agent, first_day=date(2026, 12, 3), last_day=date(2026, 12, 4)
    )
    plan = client.get(f"/desk/time-off/{mine.pk}/").content.decode()
    # Neither the person away nor Javier, away on the 3rd; the lead is there.
    assert cover_options(plan, "cover-rest") == [str(lead.pk)]
