"""Schemas of /projects and /time-entries (docs/projects.md). Time is whole minutes; every
figure also comes as hours and minutes in words, exact."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from ninja import Field, Schema

from sunrelay.api.schemas import AccountRef, Day, Id, Input, ThemeRef, TicketRef, UserRef
from sunrelay.projects.models import Effort, Impact, ProjectStatus
from sunrelay.projects.rollup import BY, minutes_hm
from sunrelay.projects.services import MAX_ENTRY_MINUTES

LONG = 5000
SumBy = StrEnum("SumBy", {name.upper(): name for name in BY})


class ProjectRef(Schema):
    id: int
    name: str


class SprintOut(Schema):
    id: int
    starts_on: date
    weeks: int
    goal: str


class ProjectOut(Schema):
    id: int
    name: str
    objectives: str
    scope_will: str
    scope_will_not: str
    impact: Impact = Field(description="1 widespread internal and external … 4 specific internal")
    effort: Effort
    stakeholders: str
    owner: UserRef
    leads: list[UserRef]
    requester: UserRef | None
    rollout_plan: str
    support_plan: str
    maintainer: UserRef | None
    support_signed_off_by: UserRef | None
    support_signed_off_at: datetime | None
    accounts: list[AccountRef]
    tickets: list[TicketRef]
    themes: list[ThemeRef]
    status: ProjectStatus
    review_notes: str
    budget_minutes: int | None = Field(description="The whole project's budget; null: none")
    created_at: datetime

    @staticmethod
    def resolve_leads(obj) -> list:
        return list(obj.leads.all())

    @staticmethod
    def resolve_accounts(obj) -> list:
        return list(obj.accounts.all())

    @staticmethod
    def resolve_themes(obj) -> list:
        return list(obj.themes.all())

    @staticmethod
    def resolve_tickets(obj) -> list:
        return list(obj.tickets.all())


class ProjectDetail(ProjectOut):
    sprints: list[SprintOut]
    spent_minutes: int = Field(description="All time logged on the project")
    warning: str | None = Field(description="Over (or near) its budget, in words")

    @staticmethod
    def resolve_sprints(obj) -> list:
        return list(obj.sprints.all())


class ProjectPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ProjectOut]


class ProjectIn(Input):
    name: str = Field(min_length=1, max_length=200)
    objectives: str = Field(min_length=1, max_length=LONG)
    impact: Impact
    effort: Effort = Effort.MEDIUM
    scope_will: str = Field("", max_length=LONG)
    scope_will_not: str = Field("", max_length=LONG)
    stakeholders: str = Field("", max_length=LONG)
    owner_id: Id | None = Field(None, description="Left out: you")
    lead_ids: list[Id] = Field([], max_length=50)
    requester_id: Id | None = None
    rollout_plan: str = Field("", max_length=LONG)
    support_plan: str = Field("", max_length=LONG)
    maintainer_id: Id | None = None
    account_ids: list[Id] = Field([], max_length=200)
    ticket_ids: list[Id] = Field([], max_length=200)
    theme_ids: list[Id] = Field([], max_length=200, description="Product feedback themes.")
    status: ProjectStatus = ProjectStatus.PROPOSED


class ProjectPatch(Input):
    # Fields left out stay as they are; null is refused where a field cannot be empty. A list
    # given replaces the links it names.
    name: str = Field(None, min_length=1, max_length=200)
    objectives: str = Field(None, min_length=1, max_length=LONG)
    impact: Impact = None
    effort: Effort = None
    scope_will: str = Field(None, max_length=LONG)
    scope_will_not: str = Field(None, max_length=LONG)
    stakeholders: str = Field(None, max_length=LONG)
    owner_id: Id = None
    lead_ids: list[Id] = Field(None, max_length=50)
    requester_id: Id | None = None
    rollout_plan: str = Field(None, max_length=LONG)
    support_plan: str = Field(None, max_length=LONG)
    maintainer_id: Id | None = None
    account_ids: list[Id] = Field(None, max_length=200)
    ticket_ids: list[Id] = Field(None, max_length=200)
    theme_ids: list[Id] = Field(None, max_length=200)
    status: ProjectStatus = None
    review_notes: str = Field(None, max_length=LONG)


class BudgetIn(Input):
    minutes: int | None = Field(
        strict=True,
        ge=0,
        le=100_000 * 60,
        description="The whole project's budget in minutes; null: none",
    )


class AccountBudgetIn(Input):
    monthly_minutes: int | None = Field(
        strict=True, ge=0, le=100_000 * 60, description="Minutes a month; null removes the budget"
    )


class AccountBudgetOut(Schema):
    account: AccountRef
    monthly_minutes: int
    monthly: str = Field(description="The same as hours and minutes, e.g. 12 h 30 min")
    set_by: UserRef
    set_at: datetime

    @staticmethod
    def resolve_monthly(obj) -> str:
        return minutes_hm(obj.monthly_minutes)


class WeekOrderQuery(Schema):
    week: Day | None = Field(None, description="Any day of the week; left out: this week")


class WeekOrderIn(Input):
    week: Day = Field(description="Any day of the week (kept as its Monday)")
    project_ids: list[Id] = Field(
        max_length=200, description="The order, first is most important; others go unranked"
    )


class RankedProject(Schema):
    position: int | None = Field(description="Its place in the order; null: not ranked")
    project: ProjectRef
    impact: Impact
    effort: Effort
    requester: UserRef | None
    linked_mrr: Decimal = Field(description="The MRR of the project's linked accounts")
    week_minutes: int = Field(description="Time logged on it that week")


class WeekOrderOut(Schema):
    week: date = Field(description="The Monday")
    ordered_in: date | None = Field(
        description="The week whose order is shown (the latest up to this one); null: none yet"
    )
    items: list[RankedProject]


class SprintIn(Input):
    starts_on: Day = Field(description="A Monday")
    weeks: int = Field(ge=1, le=2)
    goal: str = Field(min_length=1, max_length=300)


class TimeEntryOut(Schema):
    id: int
    person: UserRef
    day: date
    minutes: int
    hours: str = Field(description="The minutes as hours and minutes, e.g. 1 h 15 min")
    project_id: int | None
    ticket: TicketRef | None
    account: AccountRef | None
    billable: bool
    note: str
    logged_by: UserRef
    logged_at: datetime

    @staticmethod
    def resolve_hours(obj) -> str:
        return minutes_hm(obj.minutes)


class TimeEntryPage(Schema):
    count: int
    limit: int
    offset: int
    total_minutes: int = Field(description="All the entries the filters match, not this page")
    items: list[TimeEntryOut]


class LoggedOut(TimeEntryOut):
    warnings: list[str] = Field(description="Budget warnings this entry raised, in words")


class TimeEntryIn(Input):
    day: Day
    minutes: int = Field(ge=1, le=MAX_ENTRY_MINUTES)
    person_id: Id | None = Field(None, description="Left out: you (leads log for anyone)")
    project_id: Id | None = None
    ticket_id: Id | None = None
    account_id: Id | None = None
    billable: bool = False
    note: str = Field("", max_length=300)


class TimeEntryFilters(Schema):
    person: Id | None = None
    project: Id | None = None
    account: Id | None = None
    ticket: Id | None = None
    since: Day | None = Field(None, description="From this day")
    until: Day | None = Field(None, description="Up to and including this day")


class TotalsQuery(Schema):
    by: SumBy = SumBy.PERSON
    month: str | None = Field(
        None, pattern=r"^\d{4}-\d{2}$", description="YYYY-MM; left out: this month"
    )


class TotalRow(Schema):
    key: str | None = Field(description="The person's, project's or account's id, or the week")
    name: str
    minutes: int
    hours: str
    previous_month_minutes: int
    budget_minutes: int | None
    budget_used_minutes: int | None
    over_budget: bool


class TotalsOut(Schema):
    by: str
    month: date
    total_minutes: int = Field(description="The rows add up to it")
    total: str
    previous_month_minutes: int
    rows: list[TotalRow]
