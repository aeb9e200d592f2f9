"""/api/v1/reports/targets: the leadership report's targets (reports.leadership_targets).
Everyone who reads the reports lists them; leads set and remove them."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja import Status as HttpStatus
from ninja.errors import HttpError

from sunrelay.api.auth import actor
from sunrelay.api.schemas import Id
from sunrelay.reports import leadership_targets, params
from sunrelay.reports.models import ReportTarget
from sunrelay.team.roles import is_lead

router = Router(tags=["reports"])


class ReportTargetOut(Schema):
    id: int
    key: str
    tier: str
    at_least: bool
    value: float
    words: str
    updated_at: datetime


class ReportTargetIn(Schema):
    key: str
    tier: str = ""
    value: float
    at_least: bool | None = None  # None: the figure's usual direction


def _out(target: ReportTarget) -> dict:
    return {
        "id": target.pk,
        "key": target.key,
        "tier": target.tier,
        "at_least": target.at_least,
        "value": target.value,
        "words": leadership_targets.words(target),
        "updated_at": target.updated_at,
    }


def _lead(request: HttpRequest):
    user = actor(request)
    params.check_can_see_reports(user)
    if not is_lead(user):
        raise PermissionDenied("Only leads set the report's targets.")
    return user


@router.get(
    "",
    response=list[ReportTargetOut],
    summary="The leadership report's targets",
    description="Shares 0-1, times in business minutes, MRR in dollars; `tier` empty for all.",
)
def list_targets(request: HttpRequest):
    params.check_can_see_reports(actor(request))
    return [_out(t) for t in ReportTarget.objects.all()]


@router.put(
    "",
    response=ReportTargetOut,
    summary="Set the target of a figure (and tier)",
    description=(
        "Creates or replaces the target of `key` (optionally for one `tier`). `at_least` "
        "left out takes the figure's usual direction. Leads only; 422 in words for a figure "
        "that takes no target or a value out of range."
    ),
)
def set_target(request: HttpRequest, payload: ReportTargetIn):
    user = _lead(request)
    try:
        target = leadership_targets.set_target(
            payload.key, payload.tier, payload.value, payload.at_least, user
        )
    except ValueError as exc:
        raise HttpError(422, str(exc)) from None
    return _out(target)


@router.delete("/{target_id}", response={204: None}, summary="Remove a target")
def delete_target(request: HttpRequest, target_id: Id):
    _lead(request)
    get_object_or_404(ReportTarget, pk=target_id).delete()
    return HttpStatus(204, None)
