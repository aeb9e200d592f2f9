"""/team/time-off: days away with their coverage plans, through team.services, desk.left_behind
(the plan for the work left behind) and mail.absence_notice."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja import Status as HttpStatus

from sunrelay.api import lookups
from sunrelay.api.auth import actor
from sunrelay.api.schedule import check_staff
from sunrelay.api.schemas import AccountRef, Day, Id, Input, Paging, TicketRef, UserRef, page
from sunrelay.desk import left_behind
from sunrelay.desk.models import Ticket
from sunrelay.desk.permissions import visible_coverage
from sunrelay.mail.absence_notice import tell_customers as notify_customers
from sunrelay.team import services
from sunrelay.team.models import Coverage, TimeOff
from sunrelay.team.roles import is_lead

router = Router(tags=["team"])


class TimeOffCoverageOut(Schema):
    cover: UserRef
    account: AccountRef | None = Field(description="Covers this account only.")
    ticket: TicketRef | None = Field(description="Covers this ticket only.")


class TimeOffOut(Schema):
    id: int
    user: UserRef
    first_day: date = Field(description="The person's own local date.")
    last_day: date
    reason: str | None = Field(description="Shown to the person and to leads only.")
    created_at: datetime
    applied_at: datetime | None = Field(description="When the plan moved their open tickets.")
    coverage: list[TimeOffCoverageOut] = Field(
        description="Without account and ticket: the rest. Sales see the rows of their own "
        "accounts and their tickets, and who covers the rest."
    )

    @staticmethod
    def resolve_reason(obj, context) -> str | None:
        viewer = context["request"].auth
        return obj.reason if obj.user_id == viewer.pk or is_lead(viewer) else None

    @staticmethod
    def resolve_coverage(obj) -> list:
        return list(obj.coverage.all())


class TimeOffPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[TimeOffOut]


class TimeOffFilters(Schema):
    user: Id | None = Field(None, description="Only this person's time off.")
    ended: bool = Field(False, description="Include time off that ended before yesterday.")


class AccountCover(Input):
    account_id: Id
    cover_id: Id


class TicketCover(Input):
    ticket_id: Id
    cover_id: Id


class TimeOffIn(Input):
    user_id: Id | None = Field(None, description="Whose time off (leads only); yours if left out.")
    first_day: Day
    last_day: Day
    reason: str = Field("", max_length=200)
    cover_id: Id | None = Field(None, description="Who takes the rest of their work.")
    accounts: list[AccountCover] = Field([], description="Covers for single accounts.")
    tickets: list[TicketCover] = Field([], description="Covers for single open tickets.")


def time_off_for(user):
    """Everyone's time off is visible to staff (reasons are not: see TimeOffOut); of its
    coverage plan, the rows of accounts and tickets they may see."""
    check_staff(user)
    coverage = Coverage.objects.select_related("cover", "account", "ticket").order_by("id")
    return TimeOff.objects.select_related("user").prefetch_related(
        Prefetch("coverage", visible_coverage(user, coverage))
    )


@router.get("/time-off", response=TimeOffPage, summary="List time off")
def list_time_off(request: HttpRequest, filters: Query[TimeOffFilters], paging: Query[Paging]):
    rows = time_off_for(actor(request))
    if filters.user is not None:
        rows = rows.filter(user_id=filters.user)
    if not filters.ended:
        rows = rows.filter(last_day__gte=timezone.now().date() - timedelta(days=1))
    return page(rows.order_by("first_day", "id"), paging)


@router.post("/time-off", response={201: TimeOffOut}, summary="Log time off with a coverage plan")
def log_time_off(request: HttpRequest, payload: TimeOffIn):
    user = actor(request)
    check_staff(user)
    person = lookups.user_or_none("user_id", payload.user_id) or user
    services.check_can_plan(user, person)  # 403 before any id in the body is looked up
    with transaction.atomic():
        time_off = services.log_time_off(
            user,
            person,
            payload.first_day,
            payload.last_day,
            payload.reason,
            cover=lookups.user_or_none("cover_id", payload.cover_id),
        )
        if payload.accounts or payload.tickets:
            accounts = {
                lookups.account_or_none(user, "accounts", row.account_id): lookups.user_or_none(
                    "accounts", row.cover_id
                )
                for row in payload.accounts
            }
            tickets = {
                _ticket(row.ticket_id): lookups.user_or_none("tickets", row.cover_id)
                for row in payload.tickets
            }
            rest = time_off.coverage.filter(account=None, ticket=None).first()
            left_behind.set_coverage(
                user,
                time_off,
                rest=rest.cover if rest else None,
                accounts=accounts,
                tickets=tickets,
            )
    return HttpStatus(201, time_off_for(user).get(pk=time_off.pk))


def _ticket(pk: int) -> Ticket:
    found = Ticket.objects.filter(pk=pk).first()
    if found is None:
        raise ValidationError({"tickets": f"There is no ticket with id {pk}."})
    return found


@router.delete("/time-off/{time_off_id}", response={204: None}, summary="Cancel time off")
def cancel_time_off(request: HttpRequest, time_off_id: Id):
    user = actor(request)
    time_off = get_object_or_404(time_off_for(user), pk=time_off_id)
    services.cancel_time_off(user, time_off)
    return HttpStatus(204, None)


class Told(Schema):
    queued: int = Field(description="E-mails queued, one per contact")


@router.post(
    "/time-off/{time_off_id}/tell-customers",
    response=Told,
    summary="E-mail the person's customers that they are away, naming the covers",
)
def tell_customers(request: HttpRequest, time_off_id: Id):
    user = actor(request)
    time_off = get_object_or_404(time_off_for(user), pk=time_off_id)
    return {"queued": notify_customers(user, time_off)}
