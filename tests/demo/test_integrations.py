"""The demo's linked bugs: every ticket the story reported as a product bug links its GitHub
issue, each issue once, and nothing new on a second run."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from sunrelay.desk.models import Ticket
from sunrelay.integrations.models import Bug, BugLink
from tests.demo.conftest import SMALL_ARGS

pytestmark = pytest.mark.django_db


def test_the_demo_links_every_reported_bug():
    call_command("demo", *SMALL_ARGS, "--quiet", stdout=StringIO())
    with_links = Ticket.objects.exclude(bug_url="")
    assert with_links.exists()
    assert BugLink.objects.count() == with_links.count()
    assert Bug.objects.count() == with_links.values("bug_url").distinct().count()
    assert all(
        b.tracker == "github" and b.project == "sunrelay-demo/maps" for b in Bug.objects.all()
    )
    bugs = Bug.objects.count()
    call_command("demo", *SMALL_ARGS, "--quiet", stdout=StringIO())
    assert Bug.objects.count() == bugs and BugLink.objects.count() == with_links.count()
