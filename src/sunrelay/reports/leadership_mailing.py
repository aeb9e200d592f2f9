"""The leadership report by e-mail: last month's and last quarter's, queued once each.

The worker's drain (send_due) runs every few minutes. Once a month or a quarter has ended
and the day after it has reached SUNRELAY_REPORT_HOUR (in SUNRELAY_REPORT_TIME_ZONE), it
queues that period's report (Markdown text, a link to the page) for
SUNRELAY_REPORT_RECIPIENTS. As for the weekly review, a ReportSend row unique per kind and
period, written in the same transaction as the outbox row, makes it exactly once; a worker
stopped for months sends only the most recent period when it comes back.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.http import urlencode

from sunrelay.mail.models import OutboxKind
from sunrelay.mail.notify import enqueue_mail
from sunrelay.reports import conf, leadership, leadership_render
from sunrelay.reports.models import ReportSend
from sunrelay.reports.spans import Span

KINDS = ("month", "quarter")


def page_link(span: Span) -> str:
    query = urlencode({"kind": span.kind, "period": span.label})
    return f"{settings.BASE_URL.rstrip('/')}/desk/reports/leadership/?{query}"


def due_at(span: Span) -> datetime:
    """The report hour of the day after `span` ends, in the report's zone (as UTC)."""
    zone = ZoneInfo(span.zone)
    day = span.end.astimezone(zone).date()  # the period's end is the next day's midnight
    local = datetime(day.year, day.month, day.day, conf.send_hour(), tzinfo=zone)
    return local.astimezone(ZoneInfo("UTC"))


def send_span(span: Span, now: datetime | None = None) -> ReportSend | None:
    """Queue the report of `span` unless it was queued before; None when it was, or when
    nobody is configured to receive it."""
    recipients = conf.recipients()
    if not recipients or ReportSend.objects.filter(kind=span.kind, period=span.label).exists():
        return None
    now = now or timezone.now()
    report = leadership.compute(span, now=now)
    with transaction.atomic():
        try:
            with transaction.atomic():
                sent = ReportSend.objects.create(
                    kind=span.kind, period=span.label, recipients=recipients, queued_at=now
                )
        except IntegrityError:
            return None  # another worker got there first
        outbox = enqueue_mail(
            OutboxKind.REPORT,
            to=recipients,
            subject=f"Leadership report: {report.title}",
            text=leadership_render.as_markdown(report, settings.BASE_URL)
            + f"\nOn the desk: {page_link(span)}\n",
        )
        sent.outbox_id = outbox.pk if outbox else None
        sent.save(update_fields=["outbox_id"])
    return sent


def send_due(now: datetime | None = None) -> bool:
    """Worker drain: queue last month's and last quarter's reports once their moment has
    come. Always False: there is never more than one of each to send."""
    if not conf.recipients():
        return False
    now = now or timezone.now()
    for kind in KINDS:
        span = Span.last_complete(kind, now, conf.time_zone(), conf.fiscal_start())
        if now >= due_at(span):
            send_span(span, now)
    return False
