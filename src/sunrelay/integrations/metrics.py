"""What /metrics tells Prometheus: queue sizes, SLA breaches, the outbox backlog, worker lag
and the intake rate, read from the database at each scrape (a handful of grouped queries on
indexed columns; no state kept between scrapes, so every web process answers the same).

Gauges, all prefixed sunrelay_:
- tickets_unsolved{status,level}: the queues' sizes.
- sla_breached{metric}: targets breached on tickets not yet solved;
  sla_breaches_last_day: targets that breached in the last 24 hours.
- outbox_messages{state}: mail queued or being sent (the backlog); failed mail is counted too.
- worker_lag_seconds{queue}: how long the oldest due job has waited (outbox, inbound mail,
  webhook and paging deliveries); 0 when nothing is due.
- tickets_created_last_hour{channel}, mail_received_last_hour: the intake rate.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Count, Min
from django.utils import timezone
from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from sunrelay.desk.models import UNSOLVED_STATUSES, Ticket
from sunrelay.mail.models import Outbox, OutboxState, RawMessage, RawState
from sunrelay.paging.models import NotificationState, PagingNotification
from sunrelay.sla.clock import State
from sunrelay.sla.models import TicketSla


def _gauge(name: str, documentation: str, labels: list[str], rows) -> GaugeMetricFamily:
    family = GaugeMetricFamily(f"sunrelay_{name}", documentation, labels=labels)
    for row in rows:
        family.add_metric([str(row[label]) for label in labels], row["n"])
    return family


def _lag(now: datetime, oldest: datetime | None) -> float:
    return max(0.0, (now - oldest).total_seconds()) if oldest else 0.0


class DeskCollector(Collector):
    def __init__(self, now: datetime | None = None) -> None:
        self.now = now

    def collect(self):
        now = self.now or timezone.now()
        unsolved = Ticket.objects.filter(status__in=UNSOLVED_STATUSES)
        yield _gauge(
            "tickets_unsolved",
            "Unsolved tickets by status and level (the queues' sizes).",
            ["status", "level"],
            unsolved.values("status", "level").annotate(n=Count("id")).order_by(),
        )
        breached = TicketSla.objects.filter(
            state=State.BREACHED, ticket__status__in=UNSOLVED_STATUSES
        )
        yield _gauge(
            "sla_breached",
            "SLA targets breached on tickets not yet solved, by metric.",
            ["metric"],
            breached.values("metric").annotate(n=Count("id")).order_by(),
        )
        day = TicketSla.objects.filter(breached_at__gte=now - timedelta(days=1)).count()
        yield GaugeMetricFamily(
            "sunrelay_sla_breaches_last_day", "SLA targets breached in the last 24 hours.", day
        )
        yield _gauge(
            "outbox_messages",
            "Outgoing mail by state: queued and sending are the backlog.",
            ["state"],
            Outbox.objects.exclude(state=OutboxState.SENT)
            .values("state")
            .annotate(n=Count("id"))
            .order_by(),
        )
        lag = GaugeMetricFamily(
            "sunrelay_worker_lag_seconds",
            "How long the oldest due job of each queue has waited; 0 when none is due.",
            labels=["queue"],
        )
        due = {"state": OutboxState.QUEUED, "next_attempt_at__lte": now}
        oldest = Outbox.objects.filter(**due).aggregate(t=Min("next_attempt_at"))["t"]
        lag.add_metric(["outbox"], _lag(now, oldest))
        pending = RawMessage.objects.filter(state=RawState.PENDING)
        lag.add_metric(["inbound"], _lag(now, pending.aggregate(t=Min("received_at"))["t"]))
        due = {"state": NotificationState.QUEUED, "next_attempt_at__lte": now}
        notes = PagingNotification.objects.filter(**due)
        lag.add_metric(["paging"], _lag(now, notes.aggregate(t=Min("next_attempt_at"))["t"]))
        yield lag
        hour = now - timedelta(hours=1)
        yield _gauge(
            "tickets_created_last_hour",
            "Tickets opened in the last hour, by channel (the intake rate).",
            ["channel"],
            Ticket.objects.filter(created_at__gte=hour)
            .values("channel")
            .annotate(n=Count("id"))
            .order_by(),
        )
        received = RawMessage.objects.filter(received_at__gte=hour).count()
        yield GaugeMetricFamily(
            "sunrelay_mail_received_last_hour", "E-mails received in the last hour.", received
        )


def exposition(now: datetime | None = None) -> bytes:
    """The text Prometheus scrapes."""
    registry = CollectorRegistry(auto_describe=False)
    registry.register(DeskCollector(now))
    return generate_latest(registry)
