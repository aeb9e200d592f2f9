"""/account-teams/{id}/cadence and /touches, and /rituals: the contact cadence of an account
and the rituals' agendas and notes (success.access decides who sees and does what)."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router
from ninja import Status as HttpStatus

from sunrelay.api.auth import actor
from sunrelay.api.rituals_schemas import (
    AgendaOut,
    CadenceIn,
    CadenceOut,
    NotesIn,
    NotesOut,
    TouchIn,
    TouchOut,
)
from sunrelay.api.schemas import Day, Id
from sunrelay.success import access, cadence, rituals
from sunrelay.success.models import Ritual
from sunrelay.team.models import StaffProfile

cadence_router = Router(tags=["customer engineering"])
rituals_router = Router(tags=["customer engineering"])


def _account(request: HttpRequest, account_id: int):
    return get_object_or_404(access.team_accounts(actor(request)), pk=account_id)


def _today(request: HttpRequest) -> date:
    """Today in the caller's own time zone (their staff profile; UTC without one)."""
    profile = StaffProfile.objects.filter(user=actor(request)).first()
    return timezone.localdate(timezone=ZoneInfo(profile.time_zone if profile else "UTC"))


@cadence_router.get("/{account_id}/cadence", response=CadenceOut, summary="An account's cadence")
def get_cadence(request: HttpRequest, account_id: Id):
    return cadence.plan_for(_account(request, account_id), _today(request))


@cadence_router.put(
    "/{account_id}/cadence", response=CadenceOut, summary="Set an account's contact cadence"
)
def set_cadence(request: HttpRequest, account_id: Id, payload: CadenceIn):
    account = _account(request, account_id)
    cadence.set_cadence(
        account, actor(request), every_days=payload.every_days, next_touch=payload.next_touch
    )
    return cadence.plan_for(account, _today(request))


@cadence_router.get(
    "/{account_id}/touches", response=list[TouchOut], summary="An account's latest touches"
)
def list_touches(request: HttpRequest, account_id: Id):
    return list(cadence.recent_touches(_account(request, account_id)))


@cadence_router.post(
    "/{account_id}/touches", response={201: TouchOut}, summary="Log a call, meeting or e-mail"
)
def log_touch(request: HttpRequest, account_id: Id, payload: TouchIn):
    touch = cadence.record_touch(
        _account(request, account_id),
        actor(request),
        payload.on or _today(request),
        kind=payload.kind,
        note=payload.note,
    )
    return HttpStatus(201, touch)


def _agenda_of(ritual: Ritual, user) -> dict:
    access.check_can_read_rituals(user)
    now = timezone.now()
    return {"ritual": ritual.value, "at": now, **rituals.agenda(ritual, user, now)}


@rituals_router.get("/{ritual}/agenda", response=AgendaOut, summary="A ritual's agenda, now")
def get_agenda(request: HttpRequest, ritual: Ritual):
    return _agenda_of(Ritual(ritual), actor(request))


@rituals_router.get("/{ritual}/notes", response=list[NotesOut], summary="Past meetings' notes")
def list_notes(request: HttpRequest, ritual: Ritual):
    access.check_can_read_rituals(actor(request))
    return list(rituals.past_meetings(ritual))


@rituals_router.put(
    "/{ritual}/notes/{held_on}", response=NotesOut, summary="Save a meeting's notes"
)
def save_notes(request: HttpRequest, ritual: Ritual, held_on: Day, payload: NotesIn):
    return rituals.save_notes(ritual, actor(request), held_on, payload.notes)
