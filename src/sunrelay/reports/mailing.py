"""The weekly review by e-mail: queued once per week through the outbox.

The worker's drain (send_due) runs every minute. Once the configured moment after a week
has come (SUNRELAY_REPORT_WEEKDAY at SUNRELAY_REPORT_HOUR, in SUNRELAY_REPORT_TIME_ZONE; by
default Monday 08:00 UTC for the week that ended at midnight), it queues that week's report
for SUNRELAY_REPORT_RECIPIENTS. A ReportSend row, unique per week and written in the same
transaction as the outbox row, makes it exactly once: a second worker, or the same one after
a restart, finds the row and sends nothing. A worker stopped for weeks sends only the most
recent week when it comes back.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.http import urlencode

from sunrelay.mail.models import OutboxKind
from sunrelay.mail.notify import enqueue_mail
from sunrelay.reports import conf, render, weekly
from sunrelay.reports.models import ReportSend
from sunrelay.reports.periods import Week

KIND = "weekly"


def page_link(week: str) -> str:
    return f"{settings.BASE_URL.rstrip('/')}/desk/reports/weekly/?{urlencode({'week': week})}"


def due_at(week: Week) -> datetime:
    """The first configured weekday and hour at or after the end of `week` (UTC)."""
    zone = ZoneInfo(week.zone)
    end = week.end.astimezone(zone)
    day = end.date() + timedelta(days=(conf.send_weekday() - end.weekday()) % 7)
    local = datetime(day.year, day.month, day.day, conf.send_hour(), tzinfo=zone)
    return local.astimezone(ZoneInfo("UTC"))


def send_week(week: Week, now: datetime | None = None) -> ReportSend | None:
    """Queue the report of `week` unless it was queued before; None when it was, or when
    nobody is configured to receive it."""
    recipients = conf.recipients()
    if not recipients or ReportSend.objects.filter(kind=KIND, period=week.label).exists():
        return None
    now = now or timezone.now()
    report = weekly.compute(week, now=now)
    with transaction.atomic():
        try:
            with transaction.atomic():
                sent = ReportSend.objects.create(
                    kind=KIND, period=week.label, recipients=recipients, queued_at=now
                )
        except IntegrityError:
            return None  # another worker got there first
        outbox = enqueue_mail(
            OutboxKind.REPORT,
            to=recipients,
            subject=f"Weekly support review: {report.title}",
            text=render.as_markdown(report) + f"\nOn the desk: {page_link(week.label)}\n",
            html=render.as_email_html(report, page_link(week.label)),
        )
        sent.outbox_id = outbox.pk if outbox else None
        sent.save(update_fields=["outbox_id"])
    return sent


def send_due(now: datetime | None = None) -> bool:
    """Worker drain: queue the last complete week's report once its moment has come.
    Always False: there is never more than one to send."""
    if not conf.recipients():
        return False
    now = now or timezone.now()
    week = Week.last_complete(now, conf.time_zone())
    if now >= due_at(week):
        send_week(week, now)
    return False
