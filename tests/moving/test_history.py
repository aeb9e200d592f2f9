"""Imported history in the reports, and imports that tell nobody: the weekly review of an
imported week agrees with the source's own counts, SLA figures included; no page, e-mail,
notification, survey or webhook delivery comes of an import."""

from __future__ import annotations

import statistics
from datetime import time

import pytest
import time_machine
from django.core import mail

from sunrelay.csat.models import Survey
from sunrelay.integrations.models import Delivery, Webhook, WebhookEvent
from sunrelay.lib import worker
from sunrelay.mail.models import Outbox
from sunrelay.notify.models import Notification
from sunrelay.paging.models import EscalationPolicy, PagingRun
from sunrelay.reports import weekly
from sunrelay.reports.periods import Week
from sunrelay.sla.models import Calendar, CalendarInterval, Policy, Target
from tests.factories import make_account, make_staff
from tests.moving.test_zendesk import run_import
from tests.moving.zendesk_export import START, generate

pytestmark = pytest.mark.django_db
TARGET = 150  # minutes to the first reply, on a calendar always open


@pytest.fixture
def first_reply_target(db):
    always = Calendar.objects.create(name="Always", time_zone="UTC")
    for day in range(7):
        CalendarInterval.objects.create(calendar=always, weekday=day, start=time(0), end=time(0))
    policy = Policy.objects.create(name="Everyone", calendar=always)
    Target.objects.create(policy=policy, metric="first_reply", minutes=TARGET, business=False)


def test_the_weekly_review_of_imported_weeks_agrees_with_the_source(tmp_path, first_reply_target):
    expect = generate(tmp_path, tickets=40)
    assert sum(expect["reopened"].values()) and len(expect["solved"]) > 2
    run_import(tmp_path)
    for year, number in sorted(expect["received"]):
        report = weekly.compute(Week(year, number, "UTC"))
        key = (year, number)
        assert report.received.value == expect["received"][key]
        assert report.solved.value == expect["solved"][key]
        assert report.replies.value == expect["replies"][key]
        assert report.reopened.value == expect["reopened"][key]
        minutes = expect["first_reply"][key]
        assert report.first_reply.n == len(minutes)
        if minutes:
            assert report.first_reply.calendar.median == pytest.approx(statistics.median(minutes))
        assert report.first_reply.with_target == len(minutes)
        assert report.first_reply.met == sum(1 for m in minutes if m <= TARGET)


def test_an_import_pages_mails_and_calls_nobody(tmp_path, settings):
    # Everything that would react to live tickets is set up: an enterprise account whose
    # customers write "down", an escalation policy, a webhook for every event, a lead.
    make_account("Acme Maps", tier="enterprise", domains=["acme.test"])
    make_staff("lucia", roles=["support", "lead"])
    EscalationPolicy.objects.create(name="Urgent", is_default=True)
    Webhook.objects.create(
        name="All", url="http://127.0.0.1:9/hook", secret="s" * 32,
        events=[e.value for e in WebhookEvent], created_at=START,
    )  # fmt: skip
    generate(tmp_path)
    data = (tmp_path / "tickets.json").read_text().replace("needs help", "is down, urgent")
    (tmp_path / "tickets.json").write_text(data)
    with time_machine.travel(START, tick=False):  # the history is fresh as it is imported
        result = run_import(tmp_path)
        worker.run_until_idle()
    assert result["counts"]["tickets created"] == 24
    assert not PagingRun.objects.exists()
    assert not Outbox.objects.exists() and not mail.outbox
    assert not Delivery.objects.exists()
    assert not Notification.objects.exists()
    assert not Survey.objects.exists()
