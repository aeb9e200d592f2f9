"""Telemetry intake (health/telemetry.py, health/csv_import.py): once per key, rolled up per
day, refused readings reported one by one."""

from __future__ import annotations

import math
from datetime import datetime

from sunrelay.health import csv_import, telemetry
from sunrelay.health.models import DailyUsage, TelemetryEvent
from tests.health.conftest import TODAY, at


def reading(account, key, value=10.0, **kw):
    values = {"metric": "api_calls", "at": at(TODAY)} | kw
    return telemetry.Reading(key, account.pk, values["metric"], value, values["at"])


def test_it_stores_a_reading_once_per_client_key(acme):
    first = telemetry.ingest([reading(acme, "k1", 10), reading(acme, "k2", 5)])
    again = telemetry.ingest([reading(acme, "k1", 10), reading(acme, "k3", 1)])
    assert (first.created, first.duplicates) == (2, 0)
    assert (again.created, again.duplicates) == (1, 1)
    assert TelemetryEvent.objects.count() == 3
    day = DailyUsage.objects.get(account=acme, metric="api_calls", day=TODAY)
    assert (day.total, day.events) == (16.0, 3)


def test_it_refuses_bad_readings_in_words_and_keeps_the_rest(acme):
    outcome = telemetry.ingest(
        [
            reading(acme, "ok"),
            telemetry.Reading("x", 999999, "api_calls", 1.0, at(TODAY)),
            reading(acme, "bad-metric", metric="API Calls"),
            reading(acme, "nan", math.nan),
            reading(acme, "naive", at=datetime(2026, 12, 7, 9)),
        ]
    )
    assert outcome.created == 1
    reasons = dict(outcome.rejected)
    assert list(reasons) == [2, 3, 4, 5]
    assert "No account has the id 999999" in reasons[2]
    assert "lower-case name" in reasons[3]
    assert "finite number" in reasons[4]
    assert "offset from UTC" in reasons[5]


def test_it_rolls_up_by_utc_day(acme):
    telemetry.ingest(
        [
            reading(acme, "a", 1, at=datetime.fromisoformat("2026-12-07T23:30:00-05:00")),
            reading(acme, "b", 2, at=at(TODAY, 1)),
        ]
    )
    rows = dict(DailyUsage.objects.values_list("day", "total"))
    assert {str(day): total for day, total in rows.items()} == {
        "2026-12-07": 2.0,
        "2026-12-08": 1.0,
    }


def test_a_csv_import_reports_each_rejected_line_with_its_reason(acme):
    text = (
        "account,metric,value,time,key\n"
        "Acme Maps,api_calls,120,2026-12-07T09:00:00Z,r1\n"
        f"{acme.pk},active_users,4,2026-12-07T09:00:00Z,r2\n"
        "Nobody Inc,api_calls,1,2026-12-07T09:00:00Z,r3\n"
        "Acme Maps,api_calls,many,2026-12-07T09:00:00Z,r4\n"
        "Acme Maps,api_calls,1,yesterday,r5\n"
        "Acme Maps,api_calls,120,2026-12-07T09:00:00Z,r1\n"
    )
    report = csv_import.read(text)
    assert (report.created, report.duplicates) == (2, 1)
    lines = dict(report.rejected)
    assert sorted(lines) == [4, 5, 6]
    assert "No account is called 'Nobody Inc'" in lines[4]
    assert "'many' is not a number" in lines[5]
    assert "not ISO 8601" in lines[6]


def test_a_csv_without_the_columns_is_refused_whole(acme):
    report = csv_import.read("account;metric;value\nAcme Maps;api_calls;1\n")
    assert "must name the columns" in report.problem
    assert report.created == 0
