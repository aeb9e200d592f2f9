"""Team channel questions in the weekly review (reports.contributed): asked, answered and the
median time to the first answer, the week and the week before, in every output."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta
from html import unescape

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sunrelay.api.tokens import create_token
from sunrelay.reports import render, tables, weekly
from sunrelay.reports.periods import Week
from sunrelay.reports.queries import Scope
from sunrelay.slack.client import installation
from sunrelay.slack.models import Installation, TeamQuestion

pytestmark = pytest.mark.django_db
W47 = Week.parse("2026-W47")
NOW = datetime(2026, 11, 25, 12, tzinfo=UTC)
NAME = "slack_team_questions"


@pytest.fixture(autouse=True)
def _frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def ask(day: int, hour: int, answered_after: int | None = None) -> TeamQuestion:
    asked = datetime(2026, 11, day, hour, tzinfo=UTC)
    return TeamQuestion.objects.create(
        channel_id="C0TEAM001",
        ts=f"{asked.timestamp():.6f}",
        group_id="S0CESDR",
        text="Does Acme's plan include vector tiles?",
        asked_at=asked,
        answers=int(answered_after is not None),
        first_answer_at=asked + timedelta(minutes=answered_after) if answered_after else None,
    )


@pytest.fixture
def questions():
    installation()
    Installation.objects.filter(pk=1).update(team_channel="C0TEAM001")
    ask(17, 10, 30)
    ask(18, 9, 120)
    ask(19, 15)  # never answered
    ask(10, 11, 10)  # the week before


def test_the_review_counts_the_weeks_questions_against_the_week_before(questions):
    report = weekly.compute(W47)
    [section] = report.contributed
    assert section.app == "slack" and section.week == [3, 2, pytest.approx(2 / 3), 75.0]
    assert section.previous == [1, 1, 1.0, 10.0]
    table = tables.by_name(report)[NAME]
    rows = list(csv.reader(io.StringIO(render.as_csv(table))))
    assert rows[0] == ["week", "asked", "answered", "answered_share_pct", "median_first_answer_min"]
    assert rows[1:] == [["2026-W47", "3", "2", "67", "75"], ["2026-W46", "1", "1", "100", "10"]]
    markdown = render.as_markdown(report)
    assert "## Team channel questions (Slack)" in markdown
    assert "| 2026-W47 | 3 | 2 | 67 % | 1 h 15 min |" in markdown
    assert json.loads(render.as_json(report))["contributed"][0]["week"][:2] == [3, 2]


def test_the_page_and_the_api_show_it(questions, agent):
    client = Client()
    client.force_login(agent)
    page = unescape(client.get("/desk/reports/weekly/", {"week": "2026-W47"}).content.decode())
    assert "Team channel questions (Slack)" in page and "1 h 15 min" in page
    _, raw = create_token(agent, "tests")
    api = Client(headers={"Authorization": f"Bearer {raw}"})
    data = api.get("/api/v1/reports/weekly", {"week": "2026-W47"}).json()
    assert data["contributed"][0]["previous"] == [1, 1, 1.0, 10.0]
    exported = api.get(f"/api/v1/reports/weekly/csv/{NAME}", {"week": "2026-W47"})
    assert exported.status_code == 200 and "2026-W46,1,1,100,10" in exported.content.decode()


def test_left_out_under_filters_and_without_a_team_channel(questions):
    assert weekly.compute(W47, Scope(tier="enterprise")).contributed == []
    TeamQuestion.objects.all().delete()
    assert weekly.compute(W47).contributed[0].week == [0, 0, None, None]
    Installation.objects.filter(pk=1).update(team_channel="")
    assert weekly.compute(W47).contributed == []


def test_its_queries_do_not_grow_with_the_questions(questions):
    weekly.compute(W47)
    with CaptureQueriesContext(connection) as first:
        weekly.compute(W47)
    for day in range(16, 23):
        ask(day, 8, 5)
    with CaptureQueriesContext(connection) as second:
        weekly.compute(W47)
    assert len(second) == len(first)
