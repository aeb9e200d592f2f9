"""The demo's integrations: every ticket the story reported as a product bug links its GitHub
issue (and its Sentry item), each issue once; chat channels and link patterns; nothing new
on a second run."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from sunrelay.accounts.models import Account
from sunrelay.desk.models import Ticket
from sunrelay.integrations.models import (
    Bug,
    BugLink,
    CrmRecord,
    LinkPattern,
    TicketLink,
    Webhook,
)
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
    # chat channels, link patterns and a Sentry link on each bug's ticket, once
    assert Webhook.objects.filter(format="slack").count() == 3
    assert LinkPattern.objects.count() == 3
    assert TicketLink.objects.count() == with_links.count()
    assert all(link.url.startswith("https://sentry.") for link in TicketLink.objects.all())
    # the CRM's exports imported: every account has its CRM id, once
    assert CrmRecord.objects.filter(kind="account").count() == Account.objects.count()
    assert CrmRecord.objects.filter(kind="contact").exists()
