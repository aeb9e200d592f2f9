"""/staff: the team directory (roles, home time zone, working week)."""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from sunrelay.api.auth import actor
from sunrelay.api.schemas import Id, LocalTime, Paging, page
from sunrelay.lib.formatting import person
from sunrelay.team.permissions import visible_staff

router = Router(tags=["staff"])


class WorkingIntervalOut(Schema):
    weekday: int = Field(description="0 is Monday.")
    start: LocalTime
    end: LocalTime = Field(description="Not after start: the interval runs past midnight.")


class StaffOut(Schema):
    id: int
    username: str
    name: str
    email: str
    is_active: bool
    roles: list[str]
    location: str
    time_zone: str = Field(description="IANA name; working hours are in this zone.")
    working_hours: list[WorkingIntervalOut]

    @staticmethod
    def resolve_name(obj) -> str:
        return person(obj)

    @staticmethod
    def resolve_roles(obj) -> list[str]:
        return sorted(row.role for row in obj.staff_roles.all())

    @staticmethod
    def resolve_location(obj) -> str:
        profile = _profile(obj)
        return profile.location if profile else ""

    @staticmethod
    def resolve_time_zone(obj) -> str:
        profile = _profile(obj)
        return profile.time_zone if profile else "UTC"

    @staticmethod
    def resolve_working_hours(obj) -> list:
        profile = _profile(obj)
        return list(profile.working_hours.all()) if profile else []


def _profile(user):
    try:
        return user.staff_profile
    except ObjectDoesNotExist:
        return None  # a role without a profile yet


class StaffPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[StaffOut]


class StaffFilters(Schema):
    active: bool | None = Field(True, description="Only active people unless false or empty.")


def staff_for(user) -> QuerySet:
    return (
        visible_staff(user)
        .select_related("staff_profile")
        .prefetch_related("staff_roles", "staff_profile__working_hours")
    )


@router.get("", response=StaffPage, summary="List staff")
def list_staff(request: HttpRequest, filters: Query[StaffFilters], paging: Query[Paging]):
    people = staff_for(actor(request))
    if filters.active is not None:
        people = people.filter(is_active=filters.active)
    return page(people.order_by("username", "id"), paging)


@router.get("/{user_id}", response=StaffOut, summary="Read a staff member")
def get_staff(request: HttpRequest, user_id: Id):
    return get_object_or_404(staff_for(actor(request)), pk=user_id)
