"""The leadership report by e-mail: last month's and last quarter's, once each, the morning
after they end."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sunrelay.lib import worker
from sunrelay.mail.models import Outbox, OutboxKind
from sunrelay.reports import leadership_mailing
from sunrelay.reports.models import ReportSend
from sunrelay.reports.spans import Span

pytestmark = pytest.mark.django_db
JAN_1_0759 = datetime(2027, 1, 1, 7, 59, tzinfo=UTC)
JAN_1_0800 = datetime(2027, 1, 1, 8, 0, tzinfo=UTC)


@pytest.fixture
def recipients(settings):
    settings.REPORT_RECIPIENTS = ["lead@example.test"]
    settings.REPORT_HOUR = 8
    settings.REPORT_TIME_ZONE = "UTC"
    settings.REPORT_FISCAL_START_MONTH = 1
    return settings.REPORT_RECIPIENTS


def reports():
    return Outbox.objects.filter(kind=OutboxKind.REPORT).order_by("id")


def test_the_month_and_the_quarter_go_once_the_morning_after(recipients):
    leadership_mailing.send_due(JAN_1_0759)
    assert not reports().exists()
    leadership_mailing.send_due(JAN_1_0800)
    leadership_mailing.send_due(datetime(2027, 1, 1, 9, tzinfo=UTC))  # a restarted worker
    month, quarter = reports()
    assert month.subject.startswith("Leadership report: ") and month.to == recipients
    assert "/desk/reports/leadership/?kind=month&period=2026-12" in month.body_text
    assert "/desk/reports/leadership/?kind=quarter&period=2026-Q4" in quarter.body_text
    assert "## " in month.body_text  # the sections, in Markdown
    sent = sorted(ReportSend.objects.values_list("kind", "period"))
    assert sent == [("month", "2026-12"), ("quarter", "2026-Q4")]


def test_a_period_sent_before_is_not_sent_again_and_nobody_means_no_mail(recipients, settings):
    span = Span.parse("month", "2026-12")
    ReportSend.objects.create(
        kind="month", period="2026-12", recipients=recipients, queued_at=JAN_1_0800
    )
    assert leadership_mailing.send_span(span, JAN_1_0800) is None
    settings.REPORT_RECIPIENTS = []
    ReportSend.objects.all().delete()
    assert leadership_mailing.send_span(span, JAN_1_0800) is None
    assert not reports().exists()


def test_the_worker_drain_is_registered(recipients, monkeypatch):
    monkeypatch.setattr(leadership_mailing.timezone, "now", lambda: JAN_1_0800)
    worker.run_until_idle(["reports.send_leadership"])
    worker.run_until_idle(["reports.send_leadership"])
    assert reports().count() == 2
