"""Hours roll up exactly: random entries summed by person equal the same entries summed by
project, by account and by week, to the minute, and every figure is the grand total's part."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sunrelay.projects import rollup, services, sprints
from sunrelay.projects.models import TimeEntry
from tests.projects.conftest import MONDAY

pytestmark = pytest.mark.django_db

ENTRY = st.tuples(
    st.integers(0, 3),  # person
    st.integers(0, 2),  # 0: the project, 1: Otherco's account, 2: Ownco's ticket
    st.integers(0, 120),  # day after the Monday
    st.integers(1, services.MAX_ENTRY_MINUTES),
)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(entries=st.lists(ENTRY, max_size=40))
def test_it_sums_random_entries_the_same_whichever_way(entries, people, project, otherco, ticket):
    TimeEntry.objects.all().delete()
    if not project.sprints.exists():  # days 0-13 and 28-34 are sprints; the rest is not
        services.add_sprint(people["alba"], project, starts_on=MONDAY, weeks=2, goal="Warm")
        start = MONDAY + timedelta(weeks=4)
        services.add_sprint(people["alba"], project, starts_on=start, weeks=1, goal="Tune")
    staff = [people["alba"], people["carla"], people["lucia"], people["alba"]]
    logged = 0
    for who, on, day, minutes in entries:
        target = [{"project": project}, {"account": otherco}, {"ticket": ticket}][on]
        services.log_time(
            people["lucia"], person=staff[who], day=MONDAY + timedelta(days=day),
            minutes=minutes, **target,
        )  # fmt: skip
        logged += minutes
    everything = TimeEntry.objects.all()
    assert rollup.total(everything) == logged
    for by in rollup.BY:
        assert sum(rollup.sums(everything, by).values()) == logged
    # And month by month, the report's rows add up to its total.
    start = MONDAY.replace(day=1)
    month_rows = []
    for n in range(6):
        first, after = rollup.month_span(start + timedelta(days=31 * n))
        for by in rollup.BY:
            rows = rollup.report(everything, by, first, after, rollup.previous_month(first))
            in_month = rollup.total(everything.filter(day__gte=first, day__lt=after))
            assert sum(r.minutes for r in rows) == in_month
        month_rows.append(in_month)
    assert sum(month_rows) == logged


def test_it_shows_minutes_exactly():
    assert rollup.minutes_hm(0) == "0 min"
    assert rollup.minutes_hm(45) == "45 min"
    assert rollup.minutes_hm(180) == "3 h"
    assert rollup.minutes_hm(725) == "12 h 5 min"
    assert rollup.minutes_hm(100_001) == "1666 h 41 min"


def test_it_groups_by_the_week_of_monday(people, project):
    for day, minutes in (
        (MONDAY, 30),
        (MONDAY + timedelta(days=6), 15),
        (MONDAY + timedelta(days=7), 7),
    ):
        services.log_time(people["alba"], day=day, minutes=minutes, project=project)
    weeks = rollup.sums(TimeEntry.objects.all(), "week")
    assert weeks == {MONDAY: 45, MONDAY + timedelta(days=7): 7}


def test_the_report_holds_each_row_against_last_month_and_its_budget(
    people, project, ownco, django_assert_max_num_queries
):
    services.set_project_budget(people["lucia"], project, 60)
    services.set_account_budget(people["lucia"], ownco, 90)
    services.log_time(people["alba"], day=date(2025, 2, 10), minutes=40, project=project)
    services.log_time(
        people["alba"], day=date(2025, 3, 10), minutes=35, project=project, account=ownco
    )
    with django_assert_max_num_queries(6):
        rows = rollup.report(
            TimeEntry.objects.all(), "project", date(2025, 3, 1), date(2025, 4, 1), date(2025, 2, 1)
        )
    (row,) = rows
    assert (row.minutes, row.reference, row.budget, row.spent) == (35, 40, 60, 75)
    assert row.over and row.over_by == 15 and row.percent == 125
    (account_row, *_rest) = rollup.report(
        TimeEntry.objects.all(), "account", date(2025, 3, 1), date(2025, 4, 1), date(2025, 2, 1)
    )
    assert (account_row.label, account_row.minutes, account_row.budget, account_row.over) == (
        "Ownco Maps",
        35,
        90,
        False,
    )


def test_a_budget_shares_out_among_sprints_by_weeks_to_the_minute(people, project):
    made = [
        services.add_sprint(
            people["alba"],
            project,
            starts_on=MONDAY + timedelta(weeks=n * 2),
            weeks=weeks,
            goal=f"Step {n}",
        )  # fmt: skip
        for n, weeks in enumerate((2, 1, 2))
    ]
    shares = sprints.budget_shares(601, made)
    assert list(shares.values()) == [240, 120, 241]
    assert sum(shares.values()) == 601
    for budget in (0, 1, 7, 599, 100_003):
        assert sum(sprints.budget_shares(budget, made).values()) == budget


def test_the_report_by_sprint_holds_each_sprint_against_its_share(
    people, project, ticket, django_assert_max_num_queries
):
    services.set_project_budget(people["lucia"], project, 180)
    first = services.add_sprint(people["alba"], project, starts_on=MONDAY, weeks=2, goal="Warm")
    second = services.add_sprint(
        people["alba"], project, starts_on=MONDAY + timedelta(weeks=2), weeks=1, goal="Tune"
    )
    for day, minutes in ((0, 50), (13, 75), (14, 61), (21, 5)):
        services.log_time(
            people["alba"], day=MONDAY + timedelta(days=day), minutes=minutes, project=project
        )
    services.log_time(people["alba"], day=MONDAY, minutes=15, ticket=ticket)
    assert rollup.sums(TimeEntry.objects.all(), "sprint") == {
        first.pk: 125,
        second.pk: 61,
        None: 20,
    }
    with django_assert_max_num_queries(9):
        rows = rollup.report(
            TimeEntry.objects.all(), "sprint", date(2025, 3, 1), date(2025, 4, 1), date(2025, 2, 1)
        )
    assert [(r.label, r.minutes, r.budget, r.spent, r.over) for r in rows] == [
        ("Tile cache warm-up: sprint of 3 Mar 2025, 2 wk", 125, 120, 125, True),
        ("Tile cache warm-up: sprint of 17 Mar 2025, 1 wk", 61, 60, 61, True),
        ("Not in a sprint", 20, None, None, False),
    ]
