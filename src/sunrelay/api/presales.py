"""/opportunities, /se-requests and /engagements: pre-sales (docs/presales.md). Handlers
parse and render; presales.services and presales.engagements decide, presales.access says
who may (sales: their accounts' opportunities; the lead assigns)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router, Schema
from ninja import Status as HttpStatus

from sunrelay.accounts.permissions import visible_accounts
from sunrelay.api.auth import actor
from sunrelay.api.errors import NOT_FOUND_TOO
from sunrelay.api.presales_schemas import (
    AssignIn,
    AssignmentOut,
    ConfirmationOut,
    ConfirmIn,
    CrmImportIn,
    CrmImportOut,
    EngagementIn,
    EngagementOut,
    FeedbackIn,
    FeedbackOut,
    OpportunityDetail,
    OpportunityIn,
    OpportunityPage,
    OpportunityPatch,
    OutcomeIn,
    SeCapacityOut,
    SeRequestDetail,
    SeRequestIn,
    SeRequestPage,
    TechnicalIn,
)
from sunrelay.api.schemas import Id, Paging, page
from sunrelay.desk.models import ProductArea
from sunrelay.presales import (
    access,
    capacity,
    crm_import,
    editing,
    engagements,
    qualification,
    services,
)
from sunrelay.presales.history import support_history
from sunrelay.presales.models import CLOSED_STAGES, Engagement, SeRequest, Stage

router = Router(tags=["pre-sales"])
requests_router = Router(tags=["pre-sales"])
engagements_router = Router(tags=["pre-sales"])
capacity_router = Router(tags=["pre-sales"])


class OpportunityFilters(Schema):
    open: bool | None = None
    stage: Stage | None = None
    account: Id | None = None


def _opportunities(request: HttpRequest):
    found = access.visible_opportunities(actor(request))
    return found.select_related("account", "ae", "se", "credited_se").prefetch_related(
        "product_areas", qualification.PREFETCH
    )


def _opportunity(request: HttpRequest, opportunity_id: int):
    return get_object_or_404(_opportunities(request), pk=opportunity_id)


@router.get("", response=OpportunityPage, summary="List opportunities")
def list_opportunities(
    request: HttpRequest, filters: Query[OpportunityFilters], paging: Query[Paging]
):
    found = _opportunities(request)
    if filters.open is True:
        found = found.exclude(stage__in=CLOSED_STAGES)
    elif filters.open is False:
        found = found.filter(stage__in=CLOSED_STAGES)
    if filters.stage is not None:
        found = found.filter(stage=filters.stage)
    if filters.account is not None:
        found = found.filter(account_id=filters.account)
    listed = page(found.order_by("close_date", "id"), paging)
    items = qualification.active_items()  # read once for the page (OpportunityOut.missing)
    for opportunity in listed["items"]:
        opportunity.checklist_items = items
    return listed


def _areas(slugs: list[str]) -> list[ProductArea]:
    areas = list(ProductArea.objects.filter(slug__in=slugs))
    unknown = sorted(set(slugs) - {a.slug for a in areas})
    if unknown:
        raise ValidationError({"product_areas": "Unknown product areas: " + ", ".join(unknown)})
    return areas


@router.post("", response={201: OpportunityDetail}, summary="Open an opportunity")
def create_opportunity(request: HttpRequest, payload: OpportunityIn):
    user = actor(request)
    access.check_may_sell(user)
    account = visible_accounts(user).filter(pk=payload.account_id).first()
    if account is None:
        raise ValidationError({"account_id": "There is no such account that you may see."})
    ae = None
    if payload.ae_id is not None:
        ae = get_user_model().objects.filter(pk=payload.ae_id, is_active=True).first()
        if ae is None:
            raise ValidationError({"ae_id": "There is no such person."})
    areas = _areas(payload.product_areas)
    fields = payload.model_dump(exclude={"account_id", "ae_id", "product_areas"})
    made = services.create_opportunity(user, account=account, ae=ae, product_areas=areas, **fields)
    return HttpStatus(201, _opportunity(request, made.pk))


# Before "/{opportunity_id}", so "import" is not read as an id.
@router.post(
    "/import",
    response=CrmImportOut,
    summary="Import opportunities from a CRM's CSV export (matched on CRM id)",
)
def import_from_crm(request: HttpRequest, payload: CrmImportIn):
    unknown = sorted(set(payload.mapping) - set(crm_import.DEFAULT_MAPPING))
    if unknown:
        raise ValidationError({"mapping": "Unknown fields: " + ", ".join(unknown) + "."})
    mapping = crm_import.DEFAULT_MAPPING | payload.mapping
    return crm_import.import_csv(actor(request), payload.csv, mapping, dry_run=payload.dry_run)


@router.get("/{opportunity_id}", response=OpportunityDetail, summary="Show an opportunity")
def show_opportunity(request: HttpRequest, opportunity_id: Id):
    return _opportunity(request, opportunity_id)


@router.patch(
    "/{opportunity_id}",
    response=OpportunityDetail,
    summary="Change an open opportunity (kept in its history)",
)
def update_opportunity(request: HttpRequest, opportunity_id: Id, payload: OpportunityPatch):
    opportunity = _opportunity(request, opportunity_id)
    changes = payload.model_dump(exclude_unset=True)
    if "product_areas" in changes:
        changes["product_areas"] = _areas(changes["product_areas"] or [])
    editing.update_opportunity(actor(request), opportunity, **changes)
    return _opportunity(request, opportunity_id)


@router.delete(
    "/{opportunity_id}/confirmations/{item}",
    response={204: None},
    summary="Unconfirm a checklist item (who confirmed it, and when, stay in the history)",
)
def unconfirm(request: HttpRequest, opportunity_id: Id, item: str):
    opportunity = _opportunity(request, opportunity_id)
    editing.unconfirm(actor(request), opportunity, item)
    return HttpStatus(204, None)


@router.post(
    "/{opportunity_id}/confirmations",
    response={201: ConfirmationOut},
    summary="Confirm a qualification checklist item",
)
def confirm(request: HttpRequest, opportunity_id: Id, payload: ConfirmIn):
    opportunity = _opportunity(request, opportunity_id)
    done = services.confirm(actor(request), opportunity, payload.item, note=payload.note)
    out = {
        "item": done.item.key,
        "label": done.item.label,
        "confirmed_by": done.confirmed_by,
        "confirmed_at": done.confirmed_at,
    }
    return HttpStatus(201, out)


@router.post(
    "/{opportunity_id}/assignment",
    response={201: AssignmentOut},
    summary="Assign the opportunity's SE (the SE lead)",
)
def assign(request: HttpRequest, opportunity_id: Id, payload: AssignIn):
    opportunity = _opportunity(request, opportunity_id)
    access.check_assign(actor(request))
    se = get_user_model().objects.filter(pk=payload.se_id).first()
    if se is None:
        raise ValidationError({"se_id": "There is no such person."})
    return HttpStatus(201, services.assign(actor(request), opportunity, se))


@router.get(
    "/{opportunity_id}/engagements",
    response=list[EngagementOut],
    summary="The engagement log of an opportunity",
)
def list_engagements(request: HttpRequest, opportunity_id: Id):
    opportunity = _opportunity(request, opportunity_id)
    return list(opportunity.engagements.select_related("recorded_by"))


@router.post(
    "/{opportunity_id}/engagements",
    response={201: EngagementOut},
    summary="Log a meeting, demo or proof of concept",
)
def log_engagement(request: HttpRequest, opportunity_id: Id, payload: EngagementIn):
    opportunity = _opportunity(request, opportunity_id)
    made = engagements.log_engagement(actor(request), opportunity, **payload.model_dump())
    return HttpStatus(201, made)


@router.post(
    "/{opportunity_id}/technical-result",
    response=OpportunityDetail,
    summary="Record the technical win or loss",
)
def technical_result(request: HttpRequest, opportunity_id: Id, payload: TechnicalIn):
    opportunity = _opportunity(request, opportunity_id)
    services.record_technical_result(actor(request), opportunity, payload.result, payload.reason)
    return _opportunity(request, opportunity_id)


@router.post("/{opportunity_id}/outcome", response=OpportunityDetail, summary="Record won or lost")
def outcome(request: HttpRequest, opportunity_id: Id, payload: OutcomeIn):
    opportunity = _opportunity(request, opportunity_id)
    services.close(actor(request), opportunity, payload.outcome, payload.reason)
    return _opportunity(request, opportunity_id)


def _requests(request: HttpRequest):
    visible = access.visible_opportunities(actor(request))
    return SeRequest.objects.filter(opportunity__in=visible).select_related(
        "requested_by", "opportunity__account"
    )


@requests_router.get("", response=SeRequestPage, summary="List SE requests")
def list_requests(request: HttpRequest, paging: Query[Paging]):
    return page(_requests(request).order_by("-requested_at", "-id"), paging)


@requests_router.post(
    "",
    response={201: SeRequestDetail},
    summary="Ask for an SE (refused until the opportunity is qualified)",
    openapi_extra={NOT_FOUND_TOO: True},
)
def create_request(request: HttpRequest, payload: SeRequestIn):
    opportunity = _opportunity(request, payload.opportunity_id)
    fields = payload.model_dump(exclude={"opportunity_id"})
    made = services.request_se(actor(request), opportunity, **fields)
    return HttpStatus(201, _request_detail(made))


@requests_router.get("/{request_id}", response=SeRequestDetail, summary="Show an SE request")
def show_request(request: HttpRequest, request_id: Id):
    return _request_detail(get_object_or_404(_requests(request), pk=request_id))


def _request_detail(found: SeRequest) -> SeRequest:
    """The request with its support history computed now (SeRequestDetail.support_history)."""
    history = support_history(found.opportunity.account, timezone.now(), before=found)
    found.support_history = {
        "tickets": [
            {
                "ticket": line.ticket,
                "status": line.ticket.status,
                "open": line.is_open,
                "sla_state": line.sla_state,
            }
            for line in history.tickets
        ],
        "skills": [{"skill": label, "contacts": n} for label, n in history.skills],
        "past_requests": [
            {
                "id": r.pk,
                "opportunity_id": r.opportunity_id,
                "opportunity": r.opportunity.name,
                "stage": r.opportunity.stage,
                "technical_result": r.opportunity.technical_result,
            }
            for r in history.past_requests
        ],
    }
    return found


@engagements_router.post(
    "/{engagement_id}/feedback",
    response={201: FeedbackOut},
    summary="Give feedback after an engagement (its AE to its SE, or its SE to its AE)",
)
def give_feedback(request: HttpRequest, engagement_id: Id, payload: FeedbackIn):
    visible = access.visible_opportunities(actor(request))
    engagement = get_object_or_404(
        Engagement.objects.filter(opportunity__in=visible).select_related("opportunity"),
        pk=engagement_id,
    )
    made = engagements.give_feedback(actor(request), engagement, **payload.model_dump())
    return HttpStatus(201, made)


@capacity_router.get(
    "",
    response=list[SeCapacityOut],
    summary="Each SE's capacity: open opportunities, this week's demos and PoCs, L2 weeks, time off",
)
def se_capacity(request: HttpRequest):
    access.check_manage(actor(request))
    return capacity.capacities(timezone.localdate())
