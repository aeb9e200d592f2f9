"""A small desk with hand-built histories around ISO week 2026-W47 (16-22 November, UTC).

The office calendar is open 09:00-17:00 UTC on weekdays. Times below are UTC.

- T1 Acme (enterprise, strategic): received Tue 17 10:00; replied 12:00 and set pending;
  the customer wrote Wed 18 09:00; replied 10:30; solved 11:00 (question); flagged interesting.
- T2 Small (free): received Fri 20 16:00; first reply Mon 23 10:00 (the week after).
- T3 Acme: received Thu 12 09:00 (the week before); replied 15:00 (late: the 4 h target
  ran out at 13:00); solved Fri 13 10:00 (product bug, linked); the customer wrote again
  Tue 17 09:00 (reopened); replied 09:30; solved 10:00.
- T4 Small: received Wed 18 08:00; never answered; handed from Madrid to New York Thu 19.
"""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from sunrelay.desk import services as desk
from sunrelay.desk.models import Status
from sunrelay.reports.periods import Week
from sunrelay.sla.models import Calendar, CalendarInterval, Policy, Target
from tests.factories import make_account, make_contact, make_staff, make_ticket

W47 = Week.parse("2026-W47")
NOW = datetime(2026, 11, 25, 12, tzinfo=UTC)  # Wednesday of the week after


def at(day, hour, minute=0):
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)


@pytest.fixture
def office(db):
    calendar = Calendar.objects.create(name="Office", time_zone="UTC")
    for day in range(5):
        CalendarInterval.objects.create(calendar=calendar, weekday=day, start=time(9), end=time(17))
    big = Policy.objects.create(
        position=1, name="Enterprise & Partner", tiers=["enterprise", "partner"], calendar=calendar
    )
    Target.objects.create(policy=big, metric="first_reply", minutes=240)
    Target.objects.create(policy=big, metric="next_reply", minutes=480)
    Target.objects.create(policy=big, metric="resolution", minutes=960)
    rest = Policy.objects.create(position=9, name="Everyone else", calendar=calendar)
    Target.objects.create(policy=rest, metric="first_reply", minutes=480)
    return calendar


@pytest.fixture
def desk_week(office, agent, lead):
    """The four tickets of the module docstring; returns them by name."""
    keisha = make_staff("keisha", roles=["support"], time_zone="America/New_York")
    acme = make_account("Acme Maps", tier="enterprise", strategic=True)
    small = make_account("Small Shop", tier="free", mrr=0)
    carla = make_contact("Carla", "carla@acme.test", account=acme, skill="beginner")
    sol = make_contact("Sol", "sol@small.test", account=small, skill="advanced")

    t3 = make_ticket(carla, subject="Tiles blank at zoom 14", at=at(12, 9))
    desk.reply(t3, agent, "Looking into it.", at=at(12, 15))
    desk.update_ticket(
        t3, agent, at=at(13, 10), status=Status.SOLVED, cause="product_bug",
        bug_url="https://tracker.test/issues/1",
    )  # fmt: skip
    desk.receive_customer_message(t3, carla, "Still blank.", at=at(17, 9))
    desk.reply(t3, agent, "Fixed for real now.", at=at(17, 9, 30))
    desk.update_ticket(t3, agent, at=at(17, 10), status=Status.SOLVED)

    t1 = make_ticket(carla, subject="How do I style clusters?", at=at(17, 10))
    desk.reply(t1, agent, "Which version?", at=at(17, 12), status=Status.PENDING)
    desk.receive_customer_message(t1, carla, "Version 4.", at=at(18, 9))
    desk.reply(t1, lead, "Like this.", at=at(18, 10, 30))
    desk.update_ticket(t1, lead, at=at(18, 11), status=Status.SOLVED, cause="question")
    desk.update_ticket(t1, lead, at=at(18, 12), interesting=True)

    t4 = make_ticket(sol, subject="Export stuck", at=at(18, 8))
    desk.update_ticket(t4, agent, at=at(18, 8, 5), assignee=agent)
    desk.update_ticket(t4, desk.SYSTEM, at=at(19, 17), assignee=keisha)
    desk.record_handoff(t4, agent.pk, keisha.pk, "Europe/Madrid", "America/New_York", at=at(19, 17))

    t2 = make_ticket(sol, subject="Invoice question", at=at(20, 16))
    desk.reply(t2, keisha, "Here it is.", at=at(23, 10))
    return {"t1": t1, "t2": t2, "t3": t3, "t4": t4, "keisha": keisha}
