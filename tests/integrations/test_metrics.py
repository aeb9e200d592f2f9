"""/metrics as Prometheus scrapes it: parsed with prometheus_client's own parser."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from sunrelay.integrations import metrics
from sunrelay.mail.models import OutboxKind
from sunrelay.mail.notify import enqueue_mail

TOKEN = "metrics-token-0123456789"


@pytest.fixture(autouse=True)
def _token(settings):
    settings.METRICS_TOKEN = TOKEN


def samples(text: str) -> dict[tuple, float]:
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def test_the_figures(ticket, django_assert_max_num_queries):
    enqueue_mail(OutboxKind.NOTICE, ["carla@acme.test"], "Hello", "Hi.\n")
    later = timezone.now() + timedelta(minutes=10)
    with django_assert_max_num_queries(9):
        text = metrics.exposition(later).decode()
    got = samples(text)
    assert got[("sunrelay_tickets_unsolved", (("level", "l1"), ("status", "new")))] == 1
    assert got[("sunrelay_tickets_created_last_hour", (("channel", ticket.channel),))] == 1
    assert got[("sunrelay_outbox_messages", (("state", "queued"),))] == 1
    assert 590 <= got[("sunrelay_worker_lag_seconds", (("queue", "outbox"),))] <= 610
    assert got[("sunrelay_worker_lag_seconds", (("queue", "inbound"),))] == 0
    assert got[("sunrelay_sla_breaches_last_day", ())] == 0


def test_the_token_guards_it(client, db, settings):
    assert client.get("/metrics").status_code == 401
    wrong = client.get("/metrics", headers={"Authorization": "Bearer guess"})
    assert wrong.status_code == 401 and "token" in wrong.json()["detail"]
    right = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert right.status_code == 200 and right["Content-Type"].startswith("text/plain")
    assert "sunrelay_worker_lag_seconds" in right.content.decode()
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics").status_code == 404
