"""The cached SLA configuration reloads after every change, and only then."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import time_machine
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from sunrelay.sla import config
from sunrelay.sla.models import Calendar, CalendarInterval, Holiday, Policy, Target


def test_an_unchanged_configuration_costs_one_small_query(db):
    config.current()
    with CaptureQueriesContext(connection) as queries:
        config.current()
    assert len(queries) == 1


def test_a_new_holiday_reloads_the_calendar_without_saving_the_calendar(db):
    calendar = Calendar.objects.create(name="Office", time_zone="Europe/Madrid")
    CalendarInterval.objects.create(calendar=calendar, weekday=0, start=time(9), end=time(17))
    before = config.current()
    Holiday.objects.create(calendar=calendar, date=date(2026, 12, 7), name="Bridge day")
    after = config.current()
    assert after.version != before.version
    monday = datetime(2026, 12, 7, 10, tzinfo=UTC)
    assert before.calendars[calendar.pk].is_open(monday)
    assert not after.calendars[calendar.pk].is_open(monday)


def test_two_changes_within_one_clock_tick_are_two_versions(db):
    with time_machine.travel(datetime(2026, 11, 25, 12, tzinfo=UTC), tick=False):
        policy = Policy.objects.create(position=1, name="All")
        first = config.current()
        Target.objects.create(policy=policy, metric="first_reply", minutes=60, business=False)
        second = config.current()
    assert first.version != second.version
    assert [t.minutes for t in second.policies[0].targets] == [60]


def test_a_rolled_back_change_leaves_no_stale_configuration(db):
    class Undo(Exception):
        pass

    try:
        with transaction.atomic():
            Policy.objects.create(position=1, name="Soon gone")
            assert [p.name for p in config.current().policies] == ["Soon gone"]
            raise Undo
    except Undo:
        pass
    assert config.current().policies == ()
    assert config.current().version != ""  # "" marks a ticket stale
