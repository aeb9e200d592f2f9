"""/csat: satisfaction surveys and their ratings for staff (csat.access decides who sees
which: people who work tickets all, sales their accounts', nobody else any), and a summary
with the reports' formulas (reports.satisfaction)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router

from sunrelay.api.auth import actor
from sunrelay.api.csat_schemas import CsatSummary, RatingFilter, SurveyFilters, SurveyPage
from sunrelay.api.schemas import Paging, page
from sunrelay.csat.access import visible_surveys
from sunrelay.csat.models import Survey
from sunrelay.reports import labels, names, satisfaction

router = Router(tags=["satisfaction"])


def _filtered(request: HttpRequest, filters: SurveyFilters) -> QuerySet[Survey]:
    found = visible_surveys(actor(request))
    if filters.since is not None:
        found = found.filter(solved_at__gte=filters.since)
    if filters.until is not None:
        found = found.filter(solved_at__lt=filters.until)
    if filters.rating == RatingFilter.UNRATED:
        found = found.filter(rating="")
    elif filters.rating is not None:
        found = found.filter(rating=filters.rating)
    if filters.tier is not None:
        found = found.filter(tier=filters.tier)
    if filters.agent is not None:
        found = found.filter(agent_id=filters.agent)
    if filters.account is not None:
        found = found.filter(ticket__account_id=filters.account)
    return found


@router.get("", response=SurveyPage, summary="List satisfaction surveys and ratings")
def list_surveys(request: HttpRequest, filters: Query[SurveyFilters], paging: Query[Paging]):
    found = _filtered(request, filters).select_related("ticket__account", "agent")
    return page(found.order_by("-solved_at", "-id"), paging)


@router.get("/summary", response=CsatSummary, summary="Share good and response rate by group")
def summary(request: HttpRequest, filters: Query[SurveyFilters]):
    rows = list(_filtered(request, filters).values(*satisfaction.FIELDS))
    agent_names = names.user_names(r["agent_id"] for r in rows if r["agent_id"])

    def agent_label(key: str) -> str:
        return agent_names.get(int(key), f"User {key}") if key else "Nobody"

    def by(field: str, label, order: list[str]):
        return satisfaction.grouped(rows, lambda r: str(r[field] or ""), label, order)

    return {
        "overall": satisfaction.row("all", "All surveys", rows),
        "by_tier": satisfaction.grouped(
            rows, lambda r: r["tier"] or labels.NO_ACCOUNT, labels.tier, list(labels.TIERS)
        ),
        "by_agent": by("agent_id", agent_label, []),
        "by_level": by("level", lambda k: labels.LEVELS.get(k, k), list(labels.LEVELS)),
        "by_skill": by("skill", lambda k: labels.SKILLS.get(k, k), list(labels.SKILLS)),
    }
