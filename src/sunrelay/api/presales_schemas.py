"""Schemas of /opportunities, /se-requests and /engagements (docs/presales.md)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from ninja import Field, Schema

from sunrelay.api.schemas import AccountRef, Day, Id, Input, TicketRef, UserRef
from sunrelay.presales.models import CLOSED_STAGES, EngagementKind, Reason, Stage, TechnicalResult
from sunrelay.presales.qualification import checklist, missing

# The stages an opportunity opens in, and those it closes in.
OpportunityStage = StrEnum(
    "OpportunityStage", {s.name: s.value for s in Stage if s not in CLOSED_STAGES}
)
ClosedStage = StrEnum("ClosedStage", {s.name: s.value for s in CLOSED_STAGES})
LONG = 5000


class ConfirmationOut(Schema):
    item: str = Field(description="The checklist item's key")
    label: str
    confirmed_by: UserRef | None = Field(description="null: not confirmed yet")
    confirmed_at: datetime | None


class OpportunityOut(Schema):
    id: int
    name: str
    account: AccountRef
    ae: UserRef
    se: UserRef | None = Field(description="The SE who owns the technical win now")
    stage: Stage
    amount: Decimal
    currency: str
    close_date: date | None
    product_areas: list[str] = Field(description="Product areas' slugs")
    crm_id: str
    crm_url: str
    qualified: bool = Field(description="Every active checklist item is confirmed")
    missing: list[str] = Field(description="Checklist items still to confirm, by label")
    technical_result: TechnicalResult | None
    technical_reason: str
    outcome_reason: str
    closed_at: datetime | None
    credited_se: UserRef | None = Field(description="The SE credited with a won deal")

    @staticmethod
    def resolve_product_areas(obj) -> list[str]:
        return [area.slug for area in obj.product_areas.all()]

    @staticmethod
    def resolve_missing(obj) -> list[str]:
        return missing(obj, getattr(obj, "checklist_items", None))

    @staticmethod
    def resolve_qualified(obj) -> bool:
        return not missing(obj, getattr(obj, "checklist_items", None))

    @staticmethod
    def resolve_technical_result(obj):
        return obj.technical_result or None


class OpportunityPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[OpportunityOut]


class AssignmentOut(Schema):
    se: UserRef
    assigned_by: UserRef
    assigned_at: datetime
    ended_at: datetime | None = Field(description="null: the current assignment")
    warning: str = Field(description="The overload warning when it was made; empty: none")


class FeedbackOut(Schema):
    id: int
    direction: str = Field(description="ae_to_se or se_to_ae")
    author: UserRef
    worked: str
    change: str
    given_at: datetime


class EngagementOut(Schema):
    id: int
    kind: EngagementKind
    title: str
    success_criteria: str
    starts_on: date
    ends_on: date
    outcome: str
    recorded_by: UserRef
    feedback: list[FeedbackOut]

    @staticmethod
    def resolve_feedback(obj):
        return list(obj.feedback.all())


class OpportunityChangeOut(Schema):
    kind: str = Field(description="edited or unconfirmed")
    actor: UserRef
    at: datetime
    text: str = Field(description="What changed, in words")


class OpportunityDetail(OpportunityOut):
    checklist: list[ConfirmationOut]
    assignments: list[AssignmentOut] = Field(description="Every assignment, oldest first")
    engagements: list[EngagementOut]
    changes: list[OpportunityChangeOut] = Field(
        description="Edits and unconfirmed items, oldest first"
    )

    @staticmethod
    def resolve_changes(obj):
        return list(obj.changes.select_related("actor"))

    @staticmethod
    def resolve_checklist(obj) -> list[dict]:
        return [
            {
                "item": item.key,
                "label": item.label,
                "confirmed_by": done.confirmed_by if done else None,
                "confirmed_at": done.confirmed_at if done else None,
            }
            for item, done in checklist(obj)
        ]

    @staticmethod
    def resolve_assignments(obj):
        return list(obj.assignments.select_related("se", "assigned_by"))

    @staticmethod
    def resolve_engagements(obj):
        return list(obj.engagements.select_related("recorded_by"))


class OpportunityIn(Input):
    account_id: Id
    name: str = Field(min_length=1, max_length=200)
    ae_id: Id | None = Field(None, description="Default: the account's AE")
    stage: OpportunityStage = Field("discovery", description="An open stage")
    amount: Decimal = Field(Decimal(0), ge=0, max_digits=14, decimal_places=2)
    currency: str = Field("USD", min_length=3, max_length=3, pattern="^[A-Za-z]{3}$")
    close_date: Day | None = None
    product_areas: list[str] = Field(default_factory=list, description="Slugs", max_length=50)
    crm_id: str = Field("", max_length=80)
    crm_url: str = Field("", max_length=500)


class OpportunityPatch(Input):
    # Fields left out stay as they are; null is refused where a field cannot be empty.
    name: str = Field(None, min_length=1, max_length=200)
    stage: OpportunityStage = Field(None, description="An open stage: won and lost are outcomes")
    amount: Decimal = Field(None, ge=0, max_digits=14, decimal_places=2)
    currency: str = Field(None, min_length=3, max_length=3, pattern="^[A-Za-z]{3}$")
    close_date: Day | None = None
    product_areas: list[str] = Field(None, description="Slugs; replaces them all", max_length=50)
    crm_id: str = Field(None, max_length=80)
    crm_url: str = Field(None, max_length=500)


class ConfirmIn(Input):
    item: str = Field(max_length=40, description="The checklist item's key: budget, need, …")
    note: str = Field("", max_length=300)


class SeRequestIn(Input):
    opportunity_id: Id
    context: str = Field(max_length=LONG, description="The project's context")
    reasons: list[Reason] = Field(description="Why it matters", max_length=len(Reason))
    key_people: str = Field("", max_length=LONG)
    expectations: str = Field("", max_length=LONG)
    constraints: str = Field("", max_length=LONG)
    threats: str = Field("", max_length=LONG)
    opportunities: str = Field("", max_length=LONG)
    due_on: Day


class SupportTicket(Schema):
    ticket: TicketRef
    status: str
    open: bool
    sla_state: str = Field(description="The worst of its SLA clocks; empty: none")


class SkillCount(Schema):
    skill: str
    contacts: int


class PastRequest(Schema):
    id: int
    opportunity_id: int
    opportunity: str
    stage: Stage
    technical_result: str


class SupportHistoryOut(Schema):
    tickets: list[SupportTicket]
    skills: list[SkillCount]
    past_requests: list[PastRequest]


class SeRequestOut(Schema):
    id: int
    opportunity_id: int
    requested_by: UserRef
    requested_at: datetime
    context: str
    reasons: list[Reason]
    key_people: str
    expectations: str
    constraints: str
    threats: str
    opportunities: str
    due_on: date
    assigned_at: datetime | None


class SeRequestDetail(SeRequestOut):
    support_history: SupportHistoryOut = Field(
        description="Computed from the desk when asked; read-only"
    )


class SeRequestPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[SeRequestOut]


class AssignIn(Input):
    se_id: Id


class EngagementIn(Input):
    kind: EngagementKind
    title: str = Field(min_length=1, max_length=200)
    starts_on: Day
    ends_on: Day | None = None
    success_criteria: str = Field("", max_length=LONG, description="Required for a poc")
    outcome: str = Field("", max_length=LONG)


class FeedbackIn(Input):
    worked: str = Field(min_length=1, max_length=2000)
    change: str = Field("", max_length=2000)


class TechnicalIn(Input):
    result: TechnicalResult
    reason: str = Field(min_length=1, max_length=500)


class OutcomeIn(Input):
    outcome: ClosedStage
    reason: str = Field(min_length=1, max_length=500)


class CrmImportIn(Input):
    csv: str = Field(max_length=5_000_000, description="The CRM's CSV export, header first")
    mapping: dict[str, str] = Field(
        default_factory=dict, description="field -> column, where the export's names differ"
    )
    dry_run: bool = Field(True, description="Say what would happen; write nothing")


class RejectedRow(Schema):
    line: int
    crm_id: str
    reason: str


class CrmImportOut(Schema):
    dry_run: bool
    created: list[str] = Field(description="CRM ids")
    updated: list[str]
    unchanged: list[str]
    rejected: list[RejectedRow]
    summary: str

    @staticmethod
    def resolve_summary(obj) -> str:
        return obj.sentence()


class SeTimeOffOut(Schema):
    first_day: date
    last_day: date


class SeCapacityOut(Schema):
    se: UserRef
    open_opportunities: int = Field(description="Open opportunities they own")
    demos_and_pocs: int = Field(description="Demos and proofs of concept overlapping this week")
    load: int = Field(description="The two together")
    threshold: int = Field(description="The lead's overload threshold")
    overloaded_by_one_more: bool = Field(description="One more opportunity is over it")
    warning: str = Field(description="The warning an assignment would carry; empty: none")
    l2_weeks: list[date] = Field(description="Mondays of the next four weeks with an L2 shift")
    time_off: list[SeTimeOffOut] = Field(description="Their time off in those weeks")
