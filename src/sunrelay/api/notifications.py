"""/notifications: one's own notifications (the bell's), and how one hears of each kind."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from pydantic import StrictBool

from sunrelay.api.auth import actor
from sunrelay.api.schemas import Id, Input, Paging, UserRef, page
from sunrelay.notify import inbox, preferences
from sunrelay.notify.models import Kind

router = Router(tags=["notifications"])


class StaffNotificationOut(Schema):
    id: int
    kind: Kind
    text: str = Field(description="One line: who did what on which ticket.")
    ticket_id: int
    actor: UserRef | None = Field(description="Who did it; null for a customer or Sunrelay.")
    created_at: datetime
    read_at: datetime | None


class StaffNotificationPage(Schema):
    count: int
    limit: int
    offset: int
    unread: int = Field(description="Your unread notifications, all pages.")
    items: list[StaffNotificationOut]


class UnreadOut(Schema):
    unread: int


class MarkedOut(Schema):
    marked: int = Field(description="How many were unread and are now read.")


class Unread(Schema):
    unread: bool = Field(False, description="Only the unread ones.")


class PreferencesIO(Schema):
    # Each kind: true when it comes by e-mail too (always in the app).
    customer_wrote: bool = Field(None, description=Kind.CUSTOMER_WROTE.label)
    assigned: bool = Field(None, description=Kind.ASSIGNED.label)
    mentioned: bool = Field(None, description=Kind.MENTIONED.label)
    sla_breached: bool = Field(None, description=Kind.SLA_BREACHED.label)


class PreferencesIn(Input):
    # true or false only: 0, 1 or "yes" are refused rather than guessed at.
    customer_wrote: StrictBool = Field(None, description=Kind.CUSTOMER_WROTE.label)
    assigned: StrictBool = Field(None, description=Kind.ASSIGNED.label)
    mentioned: StrictBool = Field(None, description=Kind.MENTIONED.label)
    sla_breached: StrictBool = Field(None, description=Kind.SLA_BREACHED.label)


@router.get("", response=StaffNotificationPage, summary="Your notifications, newest first")
def list_notifications(request: HttpRequest, filters: Query[Unread], paging: Query[Paging]):
    user = actor(request)
    rows = inbox.of(user)
    if filters.unread:
        rows = rows.filter(read_at__isnull=True)
    return page(rows, paging) | {"unread": inbox.unread_count(user)}


@router.get("/unread-count", response=UnreadOut, summary="How many are unread (the bell)")
def unread_count(request: HttpRequest):
    return {"unread": inbox.unread_count(actor(request))}


@router.post("/read-all", response=MarkedOut, summary="Mark all read")
def read_all(request: HttpRequest):
    return {"marked": inbox.mark_read(actor(request))}


@router.get(
    "/preferences",
    response=PreferencesIO,
    summary="How you hear of each kind: true = in the app and by e-mail",
)
def get_preferences(request: HttpRequest):
    return preferences.by_email(actor(request))


@router.put(
    "/preferences",
    response=PreferencesIO,
    summary="Choose per kind: true = by e-mail too; kinds left out keep theirs",
)
def put_preferences(request: HttpRequest, payload: PreferencesIn):
    chosen = {k: v for k, v in payload.model_dump(exclude_unset=True).items() if v is not None}
    return preferences.save(actor(request), chosen)


@router.post("/{notification_id}/read", response=MarkedOut, summary="Mark one read")
def read_one(request: HttpRequest, notification_id: Id):
    user = actor(request)
    row = get_object_or_404(inbox.of(user), pk=notification_id)
    return {"marked": inbox.mark_read(user, pk=row.pk)}
