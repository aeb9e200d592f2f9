"""/accounts/{id}/health, /health/scorecards and /telemetry: customer health
(health.access decides who sees and does what; docs/health.md)."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router

from sunrelay.api.auth import actor
from sunrelay.api.health_schemas import HealthOut, ScorecardOut, TelemetryIn, TelemetryOut
from sunrelay.api.schemas import Id
from sunrelay.health import access, summary, telemetry
from sunrelay.health.models import Scorecard

account_router = Router(tags=["customer health"])
router = Router(tags=["customer health"])
telemetry_router = Router(tags=["customer health"])


@account_router.get("/{account_id}/health", response=HealthOut, summary="An account's health")
def account_health(request: HttpRequest, account_id: Id):
    user = actor(request)
    account = get_object_or_404(access.health_accounts(user), pk=account_id)
    health = summary.of_account(user, account)
    latest = health.latest
    return {
        "account": account,
        "day": latest.day if latest else None,
        "score": float(latest.score) if latest else None,
        "shown": latest.shown if latest else None,
        "band": latest.band if latest else None,
        "trend": health.trend,
        "previous": health.previous.shown if health.previous else None,
        "parts": [{**line.part.as_json(), "reading": line.reading} for line in health.lines],
        "moved": health.moved,
        "history": health.history,
        "open_alerts": health.alerts,
    }


@router.get("/scorecards", response=list[ScorecardOut], summary="Scorecards and their measures")
def list_scorecards(request: HttpRequest):
    access.check_can_read_scorecards(actor(request))
    return list(Scorecard.objects.prefetch_related("measures"))


@telemetry_router.post("", response=TelemetryOut, summary="Send usage readings (idempotent by key)")
def ingest(request: HttpRequest, payload: TelemetryIn):
    access.check_can_feed(actor(request))
    readings = [
        telemetry.Reading(r.key, r.account_id, r.metric, r.value, r.at) for r in payload.readings
    ]
    outcome = telemetry.ingest(readings)
    return {
        "created": outcome.created,
        "duplicates": outcome.duplicates,
        "rejected": [{"index": at - 1, "reason": why} for at, why in outcome.rejected],
    }
