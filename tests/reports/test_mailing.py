"""The weekly e-mail: queued through the outbox once per week, at the configured moment."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.core.management import call_command

from sunrelay.lib import worker
from sunrelay.mail.models import Outbox, OutboxKind
from sunrelay.reports import mailing
from sunrelay.reports.models import ReportSend
from sunrelay.reports.periods import Week
from tests.reports.conftest import W47

pytestmark = pytest.mark.django_db
MONDAY_0759 = datetime(2026, 11, 23, 7, 59, tzinfo=UTC)
MONDAY_0800 = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


@pytest.fixture
def recipients(settings):
    settings.REPORT_RECIPIENTS = ["lead@example.test", "cto@example.test"]
    settings.REPORT_WEEKDAY = "monday"
    settings.REPORT_HOUR = 8
    settings.REPORT_TIME_ZONE = "UTC"
    return settings.REPORT_RECIPIENTS


def reports():
    return Outbox.objects.filter(kind=OutboxKind.REPORT)


def test_it_waits_for_the_moment_then_queues_the_html_report_once(recipients, desk_week):
    mailing.send_due(MONDAY_0759)
    assert not reports().exists()
    mailing.send_due(MONDAY_0800)
    mailing.send_due(datetime(2026, 11, 23, 9, tzinfo=UTC))  # a restarted worker
    (mail,) = reports()
    assert mail.to == recipients
    assert mail.subject == "Weekly support review: Week 47, 16–22 Nov 2026"
    assert "Answered 1 of 3 tickets received (33 %)" in mail.body_text
    assert mail.body_html.startswith("<!doctype html>")
    # Charts and breakdowns stay on the page: most mail clients draw no SVG and clip long mail.
    assert "<svg" not in mail.body_html and "First reply by tier" not in mail.body_html
    assert "Answered 1 of 3 tickets received (33 %)" in mail.body_html
    assert "/desk/reports/weekly/?week=2026-W47" in mail.body_html
    sent = ReportSend.objects.get()
    assert (sent.period, sent.outbox_id) == ("2026-W47", mail.pk)


def test_a_second_worker_finds_the_week_taken_and_sends_nothing(recipients, desk_week):
    ReportSend.objects.create(period="2026-W47", recipients=recipients, queued_at=MONDAY_0800)
    assert mailing.send_week(W47, MONDAY_0800) is None
    assert not reports().exists()


def test_the_worker_drain_sends_once(recipients, desk_week, monkeypatch):
    monkeypatch.setattr(mailing.timezone, "now", lambda: MONDAY_0800)
    worker.run_until_idle(["reports.send_weekly"])
    worker.run_until_idle(["reports.send_weekly"])
    assert reports().count() == 1


def test_nobody_configured_means_no_mail(settings, desk_week):
    settings.REPORT_RECIPIENTS = []
    mailing.send_due(MONDAY_0800)
    assert mailing.send_week(W47, MONDAY_0800) is None
    assert not reports().exists() and not ReportSend.objects.exists()


def test_the_moment_follows_the_configured_day_hour_and_zone(settings):
    settings.REPORT_WEEKDAY = "tuesday"
    settings.REPORT_HOUR = 9
    week = Week.parse("2026-W47", "Europe/Madrid")
    assert mailing.due_at(week) == datetime(2026, 11, 24, 8, tzinfo=UTC)  # 09:00 in Madrid
    settings.REPORT_WEEKDAY = "0"
    assert mailing.due_at(week) == datetime(2026, 11, 23, 8, tzinfo=UTC)  # that very Monday


def test_the_send_command_queues_a_chosen_week(recipients, desk_week, capsys):
    call_command("report", "send", "--week", "2026-W46")
    call_command("report", "send", "--week", "2026-W46")
    assert list(ReportSend.objects.values_list("period", flat=True)) == ["2026-W46"]
    assert reports().count() == 1


def test_long_lists_in_the_email_are_shortened_with_a_pointer_to_the_page():
    from sunrelay.reports.render import EMAIL_ROWS, TableView, _shortened

    rows = [[(f"#{i}", False, "")] for i in range(EMAIL_ROWS + 7)]
    table = _shortened(
        TableView("breaches", "Breaches", "Business time.", [("Ticket", False)], rows)
    )
    assert len(table.rows) == EMAIL_ROWS
    assert table.note == f"The first {EMAIL_ROWS}; 7 more in the full report. Business time."
