"""/rotations: rotations, their resolved shifts, who is on call now and next, overrides;
/escalation-policies: how pages escalate (read only)."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router, Schema
from ninja import Status as HttpStatus

from sunrelay.api import lookups
from sunrelay.api.auth import actor
from sunrelay.api.rotation_schemas import (
    EscalationPolicyOut,
    OnCallOut,
    OverrideIn,
    OverrideOut,
    RotationOut,
    RotationPage,
    ShiftsOut,
)
from sunrelay.api.schemas import Id, Moment, Paging, page
from sunrelay.paging.models import EscalationPolicy, EscalationStep
from sunrelay.schedule import oncall, overrides
from sunrelay.schedule.rotations.models import Layer, Override, Rotation
from sunrelay.team.roles import is_staff_member

router = Router(tags=["rotations"])
policies = Router(tags=["rotations"])

MAX_WINDOW = timedelta(days=93)
DEFAULT_WINDOW = timedelta(days=14)


def visible_rotations(user):
    layers = Layer.objects.prefetch_related("participants__user", "restrictions").select_related(
        "rotation"
    )
    rotations = Rotation.objects.prefetch_related(Prefetch("layers", layers)).order_by("name", "id")
    return rotations if is_staff_member(user) else rotations.none()


def _rotation(request: HttpRequest, rotation_id: int) -> Rotation:
    return get_object_or_404(visible_rotations(actor(request)), pk=rotation_id)


def shift_out(loaded: oncall.Loaded, shift, users: dict) -> dict:
    layer = loaded.layer_of(shift)
    override = loaded.override_of(shift)
    return {
        "start": shift.start,
        "end": shift.end,
        "person": users.get(shift.person),
        "source": shift.source,
        "layer_id": layer.pk if layer else None,
        "override_id": override.pk if override else None,
        "conflict": shift.conflict or None,
    }


@router.get("", response=RotationPage, summary="List rotations")
def list_rotations(request: HttpRequest, paging: Query[Paging]):
    return page(visible_rotations(actor(request)), paging)


@router.get("/{rotation_id}", response=RotationOut, summary="Read a rotation")
def get_rotation(request: HttpRequest, rotation_id: Id):
    return _rotation(request, rotation_id)


class Window(Schema):
    start: Moment | None = None
    end: Moment | None = None


@router.get("/{rotation_id}/shifts", response=ShiftsOut, summary="Resolved shifts of a window")
def shifts(request: HttpRequest, rotation_id: Id, window: Query[Window]):
    """Final shifts from `start` (default now) to `end` (default two weeks later, at most
    93 days): layers, restrictions and overrides applied, gaps explicit, time off flagged."""
    rotation = _rotation(request, rotation_id)
    start = window.start or timezone.now()
    end = window.end or start + DEFAULT_WINDOW
    if end <= start:
        raise ValidationError({"end": "The window must end after it starts."})
    if end - start > MAX_WINDOW:
        raise ValidationError({"end": f"A window is at most {MAX_WINDOW.days} days."})
    loaded = oncall.load(rotation, start)
    found = oncall.timeline(loaded, start, end)
    users = oncall.users_by_id(s.person for s in found)
    return {
        "rotation_id": rotation.pk,
        "start": start,
        "end": end,
        "items": [shift_out(loaded, s, users) for s in found],
    }


class At(Schema):
    at: Moment | None = None


@router.get("/{rotation_id}/oncall", response=OnCallOut, summary="On call now and next")
def on_call(request: HttpRequest, rotation_id: Id, query: Query[At]):
    rotation = _rotation(request, rotation_id)
    at = query.at or timezone.now()
    loaded = oncall.load(rotation, at)
    found = oncall.on_call(loaded, at)
    users = oncall.users_by_id([found.current.person, found.next.person if found.next else None])
    return {
        "rotation_id": rotation.pk,
        "at": at,
        "current": shift_out(loaded, found.current, users),
        "next": shift_out(loaded, found.next, users) if found.next else None,
    }


@router.get(
    "/{rotation_id}/overrides", response=list[OverrideOut], summary="Current and coming overrides"
)
def list_overrides(request: HttpRequest, rotation_id: Id):
    rotation = _rotation(request, rotation_id)
    return list(
        rotation.overrides.filter(ends_at__gt=timezone.now())
        .select_related("user", "created_by")
        .order_by("starts_at", "id")
    )


@router.post("/{rotation_id}/overrides", response={201: OverrideOut}, summary="Add an override")
def create_override(request: HttpRequest, rotation_id: Id, payload: OverrideIn):
    user = actor(request)
    rotation = _rotation(request, rotation_id)
    overrides.check_can_manage(user)
    made = overrides.create_override(
        rotation,
        user,
        user=lookups.user_or_none("user_id", payload.user_id),
        starts_at=payload.instant("starts_at"),
        ends_at=payload.instant("ends_at"),
        reason=payload.reason,
    )
    return HttpStatus(201, Override.objects.select_related("user", "created_by").get(pk=made.pk))


@router.delete(
    "/{rotation_id}/overrides/{override_id}", response={204: None}, summary="Remove an override"
)
def delete_override(request: HttpRequest, rotation_id: Id, override_id: Id):
    rotation = _rotation(request, rotation_id)
    override = get_object_or_404(Override, pk=override_id, rotation=rotation)
    overrides.delete_override(override, actor(request))
    return HttpStatus(204, None)


def visible_policies(user):
    steps = EscalationStep.objects.select_related("webhook").prefetch_related("people")
    found = EscalationPolicy.objects.prefetch_related(Prefetch("steps", steps)).order_by("name")
    return found if is_staff_member(user) else found.none()


class PolicyPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[EscalationPolicyOut]


@policies.get("", response=PolicyPage, summary="List escalation policies")
def list_policies(request: HttpRequest, paging: Query[Paging]):
    return page(visible_policies(actor(request)), paging)


@policies.get("/{policy_id}", response=EscalationPolicyOut, summary="Read an escalation policy")
def get_policy(request: HttpRequest, policy_id: Id):
    return get_object_or_404(visible_policies(actor(request)), pk=policy_id)
