from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime

from sunrelay.demo.time_model import load_time_model
from sunrelay.sla.models import Calendar, Holiday, Policy
from sunrelay.team.models import StaffProfile, TimeOff
from tests.factories import make_staff

ANCHOR = datetime(2026, 11, 25, 16, tzinfo=UTC)


def test_it_loads_calendars_with_real_holidays_and_policies_once(db):
    first, second = Counter(), Counter()
    load_time_model(ANCHOR, first)
    load_time_model(ANCHOR, second)
    assert first["calendars"] == 5 and first["SLA policies"] == 5
    assert second == Counter()
    madrid = Calendar.objects.get(name="Madrid office")
    assert madrid.time_zone == "Europe/Madrid"
    # Constitution Day falls on a Sunday in 2026; the Comunidad de Madrid moves it to Monday 7.
    assert Holiday.objects.filter(calendar=madrid, date=date(2026, 12, 7)).exists()
    assert not Holiday.objects.filter(calendar=madrid, date=date(2026, 12, 6)).exists()
    assert Holiday.objects.filter(
        calendar__name="New York office", date=date(2026, 11, 26)
    ).exists()  # Thanksgiving
    assert list(Policy.objects.values_list("position", flat=True)) == [10, 20, 30, 40, 90]


def test_it_gives_each_role_its_levels(db):
    make_staff("sue", roles=["support"])
    make_staff("sean", roles=["solutions"])
    load_time_model(ANCHOR, Counter())
    levels = dict(StaffProfile.objects.values_list("user__username", "support_levels"))
    assert levels == {"sue": ["l1", "l2"], "sean": ["l2"]}
    assert not TimeOff.objects.exists()  # the demo people are not there
