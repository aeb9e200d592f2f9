"""The demo's projects quarter, written through the services: exact counts for the seed."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from sunrelay.projects import rollup
from sunrelay.projects.models import AccountBudget, Project, Sprint, TimeEntry, WeekRank
from tests.demo.conftest import SMALL_ARGS

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_dozen_projects_and_a_quarter_of_hours():
    call_command("demo", *SMALL_ARGS, "--quiet", stdout=StringIO())
    assert Project.objects.count() == 12
    assert Sprint.objects.count() == 36
    assert WeekRank.objects.values("week").distinct().count() == 4
    entries = TimeEntry.objects.all()
    assert (entries.count(), rollup.total(entries)) == (512, 27175)
    assert AccountBudget.objects.count() == 1  # the small demo's one strategic account
    days = entries.dates("day", "day")
    assert (days.last() - days.first()).days >= 7 * 12
    for by in rollup.BY:
        assert sum(rollup.sums(entries, by).values()) == rollup.total(entries)
    call_command("demo", *SMALL_ARGS, "--quiet", stdout=StringIO())
    assert Project.objects.count() == 12
