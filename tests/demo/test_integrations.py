"""The demo's linked bugs: four GitHub issues on up to a dozen open tickets, one fixed by a
release with a notice drafted for each of its tickets' requesters, and nothing new on a second
run."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from sunrelay.integrations.models import Bug, BugLink, BugNotice
from tests.demo.conftest import SMALL_ARGS

pytestmark = pytest.mark.django_db


def test_the_demo_links_four_issues_and_fixes_one():
    call_command("demo", *SMALL_ARGS, "--quiet", stdout=StringIO())
    # The small demo has seven open tickets with an account: issues 1, 2, 3, 4, 1, 2, 3.
    assert Bug.objects.count() == 4 and BugLink.objects.count() == 7
    fixed = Bug.objects.get(state="fixed")
    assert fixed.fixed_by == "released in v4.2.0" and fixed.number == 1287
    assert BugNotice.objects.filter(link__bug=fixed, state="draft").count() == 2
    call_command("demo", *SMALL_ARGS, "--quiet", stdout=StringIO())
    assert BugLink.objects.count() == 7 and BugNotice.objects.count() == 2
