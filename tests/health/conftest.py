"""Health test world: Cora is the CE of Acme Maps (sold by Sam), Lucia leads, Alba supports."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from sunrelay.health import telemetry
from tests.factories import make_staff

TODAY = date(2026, 12, 7)  # a Monday


def at(day: date, hour: int = 12) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


def send_usage(account, metric: str, per_day: dict[date, float]) -> None:
    telemetry.ingest(
        [
            telemetry.Reading(f"{account.pk}-{metric}-{d}", account.pk, metric, v, at(d))
            for d, v in per_day.items()
        ]
    )


def week(ending: date, value: float) -> dict[date, float]:
    return {ending - timedelta(days=n): value for n in range(7)}


@pytest.fixture
def cora(db):
    return make_staff("cora", ["customer_engineer"])


@pytest.fixture
def acme(account, cora):
    account.ce = cora
    account.save(update_fields=["ce"])
    return account
