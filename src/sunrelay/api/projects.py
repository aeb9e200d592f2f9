"""/projects and /time-entries: projects, sprints and hours (docs/projects.md). Handlers
parse and render; projects.services decides, projects.access says who may (sales: the
projects and entries of their accounts), projects.hours sums."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router
from ninja import Status as HttpStatus

from sunrelay.accounts.permissions import visible_accounts
from sunrelay.api.auth import actor
from sunrelay.api.projects_schemas import (
    AccountBudgetIn,
    AccountBudgetOut,
    BudgetIn,
    LoggedOut,
    ProjectDetail,
    ProjectIn,
    ProjectPage,
    ProjectPatch,
    SprintIn,
    SprintOut,
    TimeEntryFilters,
    TimeEntryIn,
    TimeEntryOut,
    TimeEntryPage,
    TotalsOut,
    TotalsQuery,
    WeekOrderIn,
    WeekOrderOut,
    WeekOrderQuery,
)
from sunrelay.api.schemas import Id, Paging, page
from sunrelay.desk.models import Ticket
from sunrelay.desk.permissions import visible_tickets
from sunrelay.feedback import access as feedback_access
from sunrelay.projects import access, rollup, services
from sunrelay.projects.board import board
from sunrelay.projects.hours import hours_report, parse_month
from sunrelay.projects.models import AccountBudget, ProjectStatus
from sunrelay.team.roles import ticket_workers

router = Router(tags=["projects"])
entries_router = Router(tags=["projects"])
budgets_router = Router(tags=["projects"])


def _projects(request: HttpRequest):
    return (
        access.visible_projects(actor(request))
        .select_related("owner", "requester", "maintainer", "support_signed_off_by")
        .prefetch_related("leads", "accounts", "tickets", "themes", "sprints")
    )


def _project(request: HttpRequest, project_id: int):
    project = get_object_or_404(_projects(request), pk=project_id)
    project.spent_minutes = rollup.project_spent(project)
    project.warning = rollup.project_warning(project, project.spent_minutes)
    return project


def _worker(user_id: int | None, field: str):
    if user_id is None:
        return None
    found = ticket_workers().filter(pk=user_id).first()
    if found is None:
        raise ValidationError({field: "Nobody who works tickets has this id."})
    return found


def _person(user_id: int | None, field: str):
    if user_id is None:
        return None
    found = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if found is None:
        raise ValidationError({field: "Nobody has this id."})
    return found


def _some(queryset, ids: list[int], field: str) -> list:
    found = list(queryset.filter(pk__in=ids))
    if len(found) != len(set(ids)):
        raise ValidationError({field: "Some of these ids name nothing you may see."})
    return found


@router.get("", response=ProjectPage, summary="List projects")
def list_projects(
    request: HttpRequest,
    paging: Query[Paging],
    status: ProjectStatus | None = None,
    account: Id | None = None,
):
    found = _projects(request)
    if status is not None:
        found = found.filter(status=status)
    if account is not None:
        found = found.filter(accounts=account)
    return page(found.order_by("impact", "name", "id"), paging)


@router.post("", response={201: ProjectDetail}, summary="Open a project")
def create_project(request: HttpRequest, payload: ProjectIn):
    user = actor(request)
    access.check_work(user)
    fields = payload.model_dump(
        exclude={
            "owner_id",
            "lead_ids",
            "requester_id",
            "maintainer_id",
            "account_ids",
            "ticket_ids",
            "theme_ids",
        }
    )
    made = services.create_project(
        user,
        owner=_worker(payload.owner_id, "owner_id") or user,
        leads=_some(ticket_workers(), payload.lead_ids, "lead_ids"),
        accounts=_some(visible_accounts(user), payload.account_ids, "account_ids"),
        tickets=_some(
            visible_tickets(user, Ticket.objects.all()), payload.ticket_ids, "ticket_ids"
        ),
        themes=_some(feedback_access.visible_themes(user), payload.theme_ids, "theme_ids"),
        requester=_person(payload.requester_id, "requester_id"),
        maintainer=_worker(payload.maintainer_id, "maintainer_id"),
        **fields,
    )
    return HttpStatus(201, _project(request, made.pk))


# Before "/{project_id}", so "week-order" is never read as an id.
@router.get(
    "/week-order",
    response=WeekOrderOut,
    summary="The weekly prioritisation board: the open projects in the lead's order",
)
def week_order(request: HttpRequest, query: Query[WeekOrderQuery]):
    shown = board(access.visible_projects(actor(request)), query.week or timezone.localdate())
    items = [
        {
            "position": p.position,
            "project": p,
            "impact": p.impact,
            "effort": p.effort,
            "requester": p.requester,
            "linked_mrr": p.linked_mrr,
            "week_minutes": p.week_minutes,
        }
        for p in shown.projects
    ]
    return {"week": shown.week, "ordered_in": shown.ordered_in, "items": items}


@router.put(
    "/week-order",
    response=WeekOrderOut,
    summary="Order the week's projects (the lead; every other week's order stays)",
)
def set_week_order(request: HttpRequest, payload: WeekOrderIn):
    user = actor(request)
    access.check_lead(user)
    found = {
        p.pk: p for p in _some(access.visible_projects(user), payload.project_ids, "project_ids")
    }
    services.set_week_order(user, payload.week, [found[pk] for pk in payload.project_ids])
    return week_order(request, WeekOrderQuery(week=payload.week))


@router.get("/{project_id}", response=ProjectDetail, summary="Show a project")
def show_project(request: HttpRequest, project_id: Id):
    return _project(request, project_id)


@router.patch(
    "/{project_id}",
    response=ProjectDetail,
    summary="Change a project's template fields and links (lists given replace the links)",
)
def update_project(request: HttpRequest, project_id: Id, payload: ProjectPatch):
    user = actor(request)
    project = _project(request, project_id)
    access.check_work(user)
    changes = payload.model_dump(exclude_unset=True)
    links = {}
    if "owner_id" in changes:
        changes["owner"] = _worker(changes.pop("owner_id"), "owner_id")
    for field, finder in (("requester", _person), ("maintainer", _worker)):
        if f"{field}_id" in changes:
            changes[field] = finder(changes.pop(f"{field}_id"), f"{field}_id")
    visible = {
        "lead": ticket_workers(),
        "account": visible_accounts(user),
        "ticket": visible_tickets(user, Ticket.objects.all()),
        "theme": feedback_access.visible_themes(user),
    }
    for name, queryset in visible.items():
        if f"{name}_ids" in changes:
            links[f"{name}s"] = _some(queryset, changes.pop(f"{name}_ids"), f"{name}_ids")
    services.update_project(user, project, **links, **changes)
    return _project(request, project_id)


@router.post(
    "/{project_id}/sign-off",
    response=ProjectDetail,
    summary="Sign off the project's support plan (a lead; the plan and maintainer first)",
)
def sign_off(request: HttpRequest, project_id: Id):
    project = _project(request, project_id)
    services.sign_off_support(actor(request), project)
    return _project(request, project_id)


@router.put("/{project_id}/budget", response=ProjectDetail, summary="Set the project's budget")
def set_budget(request: HttpRequest, project_id: Id, payload: BudgetIn):
    project = _project(request, project_id)
    services.set_project_budget(actor(request), project, payload.minutes)
    return _project(request, project_id)


@router.post("/{project_id}/sprints", response={201: SprintOut}, summary="Plan a sprint")
def add_sprint(request: HttpRequest, project_id: Id, payload: SprintIn):
    project = _project(request, project_id)
    sprint = services.add_sprint(actor(request), project, **payload.model_dump())
    return HttpStatus(201, sprint)


def _entries(request: HttpRequest):
    return access.visible_entries(actor(request)).select_related(
        "person", "ticket", "account", "logged_by"
    )


@entries_router.get("", response=TimeEntryPage, summary="List time entries")
def list_entries(request: HttpRequest, filters: Query[TimeEntryFilters], paging: Query[Paging]):
    found = _entries(request)
    for field in ("person", "project", "account", "ticket"):
        value = getattr(filters, field)
        if value is not None:
            found = found.filter(**{f"{field}_id": value})
    if filters.since is not None:
        found = found.filter(day__gte=filters.since)
    if filters.until is not None:
        found = found.filter(day__lte=filters.until)
    listed = page(found.order_by("-day", "-id"), paging)
    return {**listed, "total_minutes": rollup.total(found)}


@entries_router.post("", response={201: LoggedOut}, summary="Log time")
def log_time(request: HttpRequest, payload: TimeEntryIn):
    user = actor(request)
    access.check_work(user)
    person = _person(payload.person_id, "person_id")
    project = ticket = account = None
    if payload.project_id is not None:
        project = access.visible_projects(user).filter(pk=payload.project_id).first()
        if project is None:
            raise ValidationError({"project_id": "There is no such project that you may see."})
    if payload.ticket_id is not None:
        ticket = visible_tickets(user, Ticket.objects.all()).filter(pk=payload.ticket_id).first()
        if ticket is None:
            raise ValidationError({"ticket_id": "There is no such ticket that you may see."})
    if payload.account_id is not None:
        account = visible_accounts(user).filter(pk=payload.account_id).first()
        if account is None:
            raise ValidationError({"account_id": "There is no such account that you may see."})
    entry, warnings = services.log_time(
        user, person=person, day=payload.day, minutes=payload.minutes, project=project,
        ticket=ticket, account=account, billable=payload.billable, note=payload.note,
    )  # fmt: skip
    entry.warnings = warnings
    return HttpStatus(201, entry)


@entries_router.get(
    "/totals", response=TotalsOut, summary="Hours of a month by person, project, account or week"
)
def totals(request: HttpRequest, query: Query[TotalsQuery]):
    user = actor(request)
    access.check_reports(user)
    month = parse_month(query.month, timezone.localdate())
    report = hours_report(access.visible_entries(user), str(query.by), month)
    rows = [
        {
            "key": None if r.key is None else str(r.key),
            "name": r.label,
            "minutes": r.minutes,
            "hours": rollup.minutes_hm(r.minutes),
            "previous_month_minutes": r.reference,
            "budget_minutes": r.budget,
            "budget_used_minutes": r.spent,
            "over_budget": r.over,
        }
        for r in report.rows
    ]
    return {
        "by": report.by,
        "month": report.month,
        "total_minutes": report.total,
        "total": rollup.minutes_hm(report.total),
        "previous_month_minutes": report.reference,
        "rows": rows,
    }


@entries_router.get("/{entry_id}", response=TimeEntryOut, summary="Show a time entry")
def show_entry(request: HttpRequest, entry_id: Id):
    return get_object_or_404(_entries(request), pk=entry_id)


@entries_router.delete("/{entry_id}", response={204: None}, summary="Delete a time entry")
def delete_entry(request: HttpRequest, entry_id: Id):
    entry = get_object_or_404(_entries(request), pk=entry_id)
    services.delete_entry(actor(request), entry)
    return HttpStatus(204, None)


@budgets_router.get(
    "",
    response=list[AccountBudgetOut],
    summary="Accounts' monthly hours budgets (technical account management)",
)
def list_account_budgets(request: HttpRequest):
    access.check_reports(actor(request))
    return list(AccountBudget.objects.select_related("account", "set_by").order_by("account__name"))


@budgets_router.put(
    "/{account_id}",
    response={200: AccountBudgetOut, 204: None},
    summary="Set an account's monthly hours budget (a lead; null removes it: 204)",
)
def set_account_budget(request: HttpRequest, account_id: Id, payload: AccountBudgetIn):
    user = actor(request)
    access.check_lead(user)
    account = get_object_or_404(visible_accounts(user), pk=account_id)
    budget = services.set_account_budget(user, account, payload.monthly_minutes)
    return HttpStatus(204, None) if budget is None else budget
