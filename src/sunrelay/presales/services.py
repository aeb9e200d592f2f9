"""Every write of pre-sales. Each checks who may (presales.access) and what may (the gate,
closed deals), then writes; refusals are ValidationError or PermissionDenied in words."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sunrelay.presales import access, qualification
from sunrelay.presales.capacity import warning_for
from sunrelay.presales.models import (
    CLOSED_STAGES,
    Assignment,
    Confirmation,
    Opportunity,
    PresalesSettings,
    QualificationItem,
    Reason,
    SeRequest,
    Stage,
    TechnicalResult,
)
from sunrelay.team.models import Role
from sunrelay.team.roles import roles_of

OPEN_STAGES = [s for s in Stage if s not in CLOSED_STAGES]


def create_opportunity(
    user,
    *,
    account,
    name: str,
    ae=None,
    stage: str = Stage.DISCOVERY,
    amount: Decimal | int = 0,
    currency: str = "USD",
    close_date: date | None = None,
    product_areas=(),
    crm_id: str = "",
    crm_url: str = "",
) -> Opportunity:
    """An open opportunity; its AE is the account's unless named."""
    access.check_open(user, account)
    ae = ae or account.ae
    if ae is None:
        raise ValidationError({"ae": "Name the account executive: the account has none."})
    if stage not in OPEN_STAGES:
        raise ValidationError({"stage": "A new opportunity is open: record won or lost later."})
    if Decimal(amount) < 0:
        raise ValidationError({"amount": "The amount cannot be negative."})
    if len(currency) != 3 or not currency.isalpha():
        raise ValidationError({"currency": "Give the currency as three letters, e.g. EUR."})
    with transaction.atomic():
        opportunity = Opportunity.objects.create(
            account=account,
            name=name.strip(),
            ae=ae,
            stage=stage,
            amount=Decimal(amount),
            currency=currency.upper(),
            close_date=close_date,
            crm_id=crm_id,
            crm_url=crm_url,
        )
        opportunity.product_areas.set(product_areas)
    return opportunity


def _check_open_deal(opportunity: Opportunity) -> None:
    if opportunity.stage in CLOSED_STAGES:
        raise ValidationError(f"This opportunity is {opportunity.get_stage_display().lower()}.")


def confirm(user, opportunity: Opportunity, key: str, *, note: str = "", at=None) -> Confirmation:
    """Confirm one checklist item; confirming it again keeps the first confirmation."""
    access.check_open(user, opportunity.account)
    _check_open_deal(opportunity)
    item = QualificationItem.objects.filter(key=key, active=True).first()
    if item is None:
        raise ValidationError({"item": f"There is no checklist item “{key}”."})
    found, _ = Confirmation.objects.get_or_create(
        opportunity=opportunity,
        item=item,
        defaults={"confirmed_by": user, "confirmed_at": at or timezone.now(), "note": note},
    )
    return found


def request_se(
    user,
    opportunity: Opportunity,
    *,
    context: str,
    reasons: list[str],
    due_on: date,
    key_people: str = "",
    expectations: str = "",
    constraints: str = "",
    threats: str = "",
    opportunities: str = "",
    at=None,
) -> SeRequest:
    """Ask for an SE; refused until every checklist item is confirmed, naming those missing."""
    access.check_open(user, opportunity.account)
    _check_open_deal(opportunity)
    missing = qualification.missing(opportunity)
    if missing:
        raise ValidationError(qualification.gate_message(missing))
    now = at or timezone.now()
    errors = {}
    if not context.strip():
        errors["context"] = "Say what the project is about."
    unknown = [r for r in reasons if r not in Reason.values]
    if unknown:
        errors["reasons"] = "Unknown reasons: " + ", ".join(unknown) + "."
    elif not reasons:
        errors["reasons"] = "Say why it matters: pick at least one reason."
    if due_on < timezone.localdate(now):
        errors["due_on"] = "The due date is in the past."
    if errors:
        raise ValidationError(errors)
    return SeRequest.objects.create(
        opportunity=opportunity,
        requested_by=user,
        requested_at=now,
        context=context.strip(),
        reasons=list(dict.fromkeys(reasons)),
        key_people=key_people,
        expectations=expectations,
        constraints=constraints,
        threats=threats,
        opportunities=opportunities,
        due_on=due_on,
    )


def assign(user, opportunity: Opportunity, se, *, at=None) -> Assignment:
    """Make `se` the one SE of the opportunity, ending the assignment before (kept as history).
    The capacity warning, if any, is kept on the row (Assignment.warning) and not a refusal."""
    access.check_assign(user)
    _check_open_deal(opportunity)
    if not se.is_active or Role.SOLUTIONS not in roles_of(se):
        raise ValidationError({"se": "Only an active solutions engineer can be assigned."})
    if opportunity.se_id == se.pk:
        raise ValidationError({"se": "This engineer is already assigned."})
    now = at or timezone.now()
    warning = warning_for(se, timezone.localdate(now))
    with transaction.atomic():
        Assignment.objects.filter(opportunity=opportunity, ended_at=None).update(ended_at=now)
        assignment = Assignment.objects.create(
            opportunity=opportunity, se=se, assigned_by=user, assigned_at=now, warning=warning
        )
        opportunity.se = se
        opportunity.save(update_fields=["se"])
        opportunity.se_requests.filter(assigned_at=None).update(assigned_at=now)
    return assignment


def record_technical_result(
    user, opportunity: Opportunity, result: str, reason: str, *, at=None
) -> Opportunity:
    access.check_manage(user)
    if opportunity.se_id is None:
        raise ValidationError("Assign an SE before recording a technical result.")
    if result not in TechnicalResult.values:
        raise ValidationError({"result": "Say win or loss."})
    if not reason.strip():
        raise ValidationError({"reason": "Say why."})
    opportunity.technical_result = result
    opportunity.technical_reason = reason.strip()
    opportunity.technical_at = at or timezone.now()
    opportunity.save(update_fields=["technical_result", "technical_reason", "technical_at"])
    return opportunity


def close(user, opportunity: Opportunity, outcome: str, reason: str, *, at=None) -> Opportunity:
    """Won or lost, with why. A won deal credits the SE who owns it then; a lost one credits
    nobody (its SE stays on record: the responsibility is shared)."""
    access.check_open(user, opportunity.account)
    _check_open_deal(opportunity)
    if outcome not in CLOSED_STAGES:
        raise ValidationError({"outcome": "Say won or lost."})
    if not reason.strip():
        raise ValidationError({"reason": "Say why it was won or lost."})
    opportunity.stage = outcome
    opportunity.outcome_reason = reason.strip()
    opportunity.closed_at = at or timezone.now()
    opportunity.credited_se_id = opportunity.se_id if outcome == Stage.WON else None
    opportunity.save(update_fields=["stage", "outcome_reason", "closed_at", "credited_se"])
    return opportunity


def set_overload_threshold(user, threshold: int) -> PresalesSettings:
    access.check_assign(user)
    if not 1 <= threshold <= 100:
        raise ValidationError({"overload_threshold": "Give a number from 1 to 100."})
    found = PresalesSettings.current()
    found.overload_threshold = threshold
    found.save(update_fields=["overload_threshold"])
    return found
