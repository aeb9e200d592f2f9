"""Changing an opportunity after it was opened: its fields, and a checklist item taken back.
Both leave a line in its history (OpportunityChange: who, when, what, in words)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sunrelay.lib.formatting import person
from sunrelay.presales import access
from sunrelay.presales.models import (
    CLOSED_STAGES,
    ChangeKind,
    Confirmation,
    Opportunity,
    OpportunityChange,
    Stage,
)

# The fields an edit may change, with the words the history uses for them.
EDITABLE = {
    "name": "name",
    "stage": "stage",
    "amount": "amount",
    "currency": "currency",
    "close_date": "close date",
    "product_areas": "product areas",
    "crm_id": "CRM id",
    "crm_url": "CRM URL",
}


def _shown(opportunity: Opportunity, field: str, value) -> str:
    if value in (None, "", []):
        return "nothing"
    if field == "stage":
        return Stage(value).label
    if field == "product_areas":
        return ", ".join(sorted(area.name for area in value)) or "nothing"
    if field == "amount":
        return f"{Decimal(value):.2f}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _check(changes: dict) -> None:
    errors = {}
    if "name" in changes and not changes["name"].strip():
        errors["name"] = "Give the opportunity a name."
    if "stage" in changes and changes["stage"] not in [s for s in Stage if s not in CLOSED_STAGES]:
        errors["stage"] = "Record won or lost as the outcome, not by editing the stage."
    if "amount" in changes and Decimal(changes["amount"]) < 0:
        errors["amount"] = "The amount cannot be negative."
    currency = changes.get("currency")
    if currency is not None and (len(currency) != 3 or not currency.isalpha()):
        errors["currency"] = "Give the currency as three letters, e.g. EUR."
    if errors:
        raise ValidationError(errors)


def update_opportunity(user, opportunity: Opportunity, *, at=None, **changes) -> Opportunity:
    """Change some of EDITABLE on an open opportunity; the fields that really change are
    written and named in one history line ("stage: Discovery → Proposal"). Nothing changed,
    nothing written. Who may: as for opening one (presales.access.check_open)."""
    access.check_open(user, opportunity.account)
    if opportunity.is_closed:
        raise ValidationError(f"This opportunity is {opportunity.get_stage_display().lower()}.")
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationError(f"These cannot be edited: {', '.join(sorted(unknown))}.")
    _check(changes)
    if "name" in changes:
        changes["name"] = changes["name"].strip()
    if "currency" in changes:
        changes["currency"] = changes["currency"].upper()
    if "amount" in changes:
        changes["amount"] = Decimal(changes["amount"])
    said = []
    fields = []
    for field, value in changes.items():
        if field == "product_areas":
            before = list(opportunity.product_areas.all())
            if {a.pk for a in before} != {a.pk for a in value}:
                said.append(
                    f"{EDITABLE[field]}: {_shown(opportunity, field, before)} → "
                    f"{_shown(opportunity, field, list(value))}"
                )
            continue
        before = getattr(opportunity, field)
        if before != value:
            said.append(
                f"{EDITABLE[field]}: {_shown(opportunity, field, before)} → "
                f"{_shown(opportunity, field, value)}"
            )
            setattr(opportunity, field, value)
            fields.append(field)
    if not said:
        return opportunity
    with transaction.atomic():
        if fields:
            opportunity.save(update_fields=fields)
        if "product_areas" in changes:
            opportunity.product_areas.set(changes["product_areas"])
        OpportunityChange.objects.create(
            opportunity=opportunity,
            kind=ChangeKind.EDITED,
            actor=user,
            at=at or timezone.now(),
            text="; ".join(said),
        )
    return opportunity


def unconfirm(user, opportunity: Opportunity, key: str, *, at=None) -> OpportunityChange:
    """Take back a checklist item's confirmation (the customer's budget moved, say). The
    confirmation goes, so the gate counts the item missing again; who confirmed it when, and
    who took it back when, stay in the history. SE requests already made stay."""
    access.check_open(user, opportunity.account)
    if opportunity.is_closed:
        raise ValidationError(f"This opportunity is {opportunity.get_stage_display().lower()}.")
    found = (
        Confirmation.objects.filter(opportunity=opportunity, item__key=key)
        .select_related("item", "confirmed_by")
        .first()
    )
    if found is None:
        raise ValidationError({"item": f"“{key}” is not confirmed on this opportunity."})
    text = (
        f"{found.item.label} unconfirmed (confirmed by {person(found.confirmed_by)} "
        f"on {timezone.localtime(found.confirmed_at):%d %b %Y %H:%M})"
    )
    with transaction.atomic():
        found.delete()
        return OpportunityChange.objects.create(
            opportunity=opportunity,
            kind=ChangeKind.UNCONFIRMED,
            actor=user,
            at=at or timezone.now(),
            text=text,
        )
