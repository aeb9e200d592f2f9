"""/sla: the SLA policies and business calendars in force (read only: leads edit them in
the admin, where every change recomputes the open tickets' deadlines)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from sunrelay.api.auth import actor
from sunrelay.api.schedule import check_staff
from sunrelay.api.schemas import Day, LocalTime
from sunrelay.sla.clock import Metric
from sunrelay.sla.models import Calendar, Holiday, Policy

router = Router(tags=["sla"])


class CalendarRef(Schema):
    id: int
    name: str
    time_zone: str


class TargetOut(Schema):
    metric: Metric
    minutes: int
    business: bool = Field(description="Business minutes on the calendar; else calendar minutes.")


class SlaPolicyOut(Schema):
    id: int
    position: int = Field(description="The first active policy by position that matches applies.")
    name: str
    active: bool
    tiers: list[str] = Field(description="Empty matches every tier; likewise below.")
    priorities: list[str]
    channels: list[str]
    tags: list[str] = Field(description="Matches a ticket with any of these tags.")
    calendar: CalendarRef | None
    warn_share: float = Field(description="Share of a target elapsed when it turns to warning.")
    targets: list[TargetOut]

    @staticmethod
    def resolve_targets(obj) -> list:
        return list(obj.targets.all())


@router.get("/policies", response=list[SlaPolicyOut], summary="SLA policies, in matching order")
def list_policies(request: HttpRequest):
    check_staff(actor(request))
    return (
        Policy.objects.select_related("calendar")
        .prefetch_related("targets")
        .order_by("position", "id")
    )


class IntervalOut(Schema):
    weekday: int = Field(description="0 is Monday.")
    start: LocalTime
    end: LocalTime = Field(description="Not after start: the interval runs past midnight.")


class HolidayOut(Schema):
    date: dt.date
    name: str


class CalendarOut(Schema):
    id: int
    name: str
    time_zone: str = Field(description="IANA name; intervals and holidays are local to it.")
    intervals: list[IntervalOut]
    holidays: list[HolidayOut]

    @staticmethod
    def resolve_intervals(obj) -> list:
        return list(obj.intervals.all())

    @staticmethod
    def resolve_holidays(obj) -> list:
        return list(obj.holidays.all())


class CalendarFilters(Schema):
    holidays_from: Day | None = Field(None, description="Only holidays on or after this date.")


@router.get("/calendars", response=list[CalendarOut], summary="Business calendars")
def list_calendars(request: HttpRequest, filters: Query[CalendarFilters]):
    check_staff(actor(request))
    holidays = Holiday.objects.order_by("date")
    if filters.holidays_from is not None:
        holidays = holidays.filter(date__gte=filters.holidays_from)
    return Calendar.objects.prefetch_related("intervals", Prefetch("holidays", holidays)).order_by(
        "name"
    )
