"""/schedule: who is on shift, hand-offs between regions, the weekly coverage map."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from pydantic import field_validator

from sunrelay.api.auth import actor
from sunrelay.api.schemas import Id, Moment, Paging, TicketRef, UserRef, page
from sunrelay.desk.models import Level
from sunrelay.lib.timezones import known_time_zones
from sunrelay.schedule import queries
from sunrelay.schedule.coverage import iso_week, week_start
from sunrelay.schedule.models import HandoverEnd
from sunrelay.schedule.roster import load_people
from sunrelay.team.models import Role
from sunrelay.team.roles import is_staff_member

router = Router(tags=["schedule"])


def check_staff(user) -> None:
    if not is_staff_member(user):
        raise PermissionDenied("Your log-in has no role in Sunrelay yet.")


class PersonRef(Schema):
    id: int
    name: str


class OnShiftOut(Schema):
    user: PersonRef
    region: str = Field(description="The time zone the person works in (IANA name).")
    location: str
    roles: list[Role]
    levels: list[Level]
    local_time: datetime = Field(description="`at` in the person's own time zone.")
    shift_ends_at: datetime


class OnShiftFilters(Schema):
    role: Role | None = None
    level: Level | None = None
    at: Moment | None = Field(
        None, description="ISO time (UTC without an offset); now if left out."
    )


@router.get("/on-shift", response=list[OnShiftOut], summary="Who is on shift")
def on_shift(request: HttpRequest, filters: Query[OnShiftFilters]):
    check_staff(actor(request))
    at = filters.at or timezone.now()
    people = load_people(at.date())
    result = []
    for region in queries.regions_now(people, at, filters.role, filters.level):
        for row in region.on_shift:
            p = row.person
            result.append(
                {
                    "user": {"id": p.id, "name": p.name},
                    "region": p.region,
                    "location": p.location,
                    "roles": sorted(p.roles),
                    "levels": [v for v in Level.values if v in p.levels],
                    "local_time": row.local_now,
                    "shift_ends_at": row.shift_end,
                }
            )
    return result


class HandoffOut(Schema):
    id: int
    at: datetime
    ticket: TicketRef
    from_user: UserRef | None
    to_user: UserRef | None
    from_region: str
    to_region: str
    next_deadline: datetime | None
    note: str
    generated: bool = Field(description="A summary written by Sunrelay, not by the agent.")
    manual: bool = Field(description="Handed off by a person (hand off now), not at a shift's end.")
    owner: UserRef | None = Field(
        description="Whose ticket it is: it goes back to them. Null for hand-offs from before "
        "hand-overs were temporary."
    )
    until: datetime | None = Field(description="When the owner is on shift again.")
    ended_at: datetime | None = Field(description="Null while the receiver still holds it.")
    outcome: HandoverEnd | None = Field(description="How the hand-over ended.")

    @staticmethod
    def resolve_outcome(obj) -> str | None:
        return obj.outcome or None


class HandoffPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[HandoffOut]


class HandoffFilters(Schema):
    after: Moment | None = Field(None, description="Hand-offs at or after this time.")
    before: Moment | None = Field(None, description="Hand-offs before this time.")
    region: str | None = Field(
        None, max_length=64, description="A time zone the ticket left or arrived in."
    )
    ticket: Id | None = Field(None, description="Ticket id.")

    @field_validator("region")
    @classmethod
    def _zone(cls, value: str | None) -> str | None:
        if value and value not in known_time_zones():
            raise ValueError("not an IANA time zone name such as Europe/Madrid")
        return value


@router.get("/handoffs", response=HandoffPage, summary="Hand-offs between regions")
def list_handoffs(request: HttpRequest, filters: Query[HandoffFilters], paging: Query[Paging]):
    user = actor(request)
    check_staff(user)
    rows = queries.filter_handoffs(
        queries.handoffs_for(user),
        after=filters.after,
        before=filters.before,
        region=filters.region,
    )
    if filters.ticket is not None:
        rows = rows.filter(ticket_id=filters.ticket)
    return page(rows, paging)


class CoveragePerson(Schema):
    id: int
    name: str
    minutes: int = Field(description="Minutes of the hour on shift.")


class CoverageRegionHour(Schema):
    region: str
    local_start: datetime = Field(description="The hour's start in the region's time zone.")
    people: list[CoveragePerson]


class CoverageHour(Schema):
    starts_at: datetime
    on_shift: int
    covered_minutes: int
    state: str = Field(description="covered, partial, gap, or exposed (an SLA clock runs).")
    exposed_tiers: list[str]
    exposed_clocks: list[str]
    regions: list[CoverageRegionHour]


class CoverageRegion(Schema):
    time_zone: str
    cities: list[str]


class CoverageWeekOut(Schema):
    week: str
    starts_at: datetime
    ends_at: datetime
    regions: list[CoverageRegion]
    hours: list[CoverageHour] = Field(description="168, from Monday 00:00 UTC.")


class CoverageFilters(Schema):
    week: str | None = Field(
        None,
        pattern=r"^\d{4}-W\d{2}$",
        description="ISO week, e.g. 2026-W48; this week if left out.",
    )
    role: Role | None = None
    level: Level | None = None

    @field_validator("week")
    @classmethod
    def _week(cls, value: str | None) -> str | None:
        if value:
            week_start(value)  # a ValueError is a 422 on this field
        return value


@router.get("/coverage", response=CoverageWeekOut, summary="Weekly coverage map")
def coverage(request: HttpRequest, filters: Query[CoverageFilters]):
    check_staff(actor(request))
    week = filters.week or iso_week(timezone.now())
    start = week_start(week)
    cw = queries.coverage_week(start, filters.role, filters.level)
    return {
        "week": week,
        "starts_at": cw.start,
        "ends_at": cw.end,
        "regions": [{"time_zone": r.zone, "cities": list(r.cities)} for r in cw.regions],
        "hours": [
            {
                "starts_at": h.start,
                "on_shift": h.on_shift,
                "covered_minutes": h.covered_minutes,
                "state": h.state,
                "exposed_tiers": list(h.exposed_tiers),
                "exposed_clocks": list(h.exposed_clocks),
                "regions": [
                    {
                        "region": region.zone,
                        "local_start": cell.local_start,
                        "people": [
                            {"id": s.person.id, "name": s.person.name, "minutes": s.minutes}
                            for s in cell.people
                        ],
                    }
                    for region, cell in zip(cw.regions, h.regions, strict=True)
                ],
            }
            for h in cw.hours
        ],
    }
