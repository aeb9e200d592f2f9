"""The gate: an SE is asked for only when every active checklist item is confirmed."""

from __future__ import annotations

from sunrelay.presales.models import Opportunity, QualificationItem


def checklist(opportunity: Opportunity) -> list[tuple[QualificationItem, object]]:
    """Each active item with its confirmation (None when not confirmed), in list order."""
    confirmed = {c.item_id: c for c in opportunity.confirmations.select_related("confirmed_by")}
    return [
        (item, confirmed.get(item.pk)) for item in QualificationItem.objects.filter(active=True)
    ]


def missing(opportunity: Opportunity) -> list[str]:
    """The labels of the active items not confirmed yet, in list order."""
    return [item.label for item, done in checklist(opportunity) if done is None]


def is_qualified(opportunity: Opportunity) -> bool:
    return not missing(opportunity)


def gate_message(labels: list[str]) -> str:
    """Why an SE request is refused, in words: the items still to confirm."""
    return (
        "This opportunity is not qualified yet: confirm "
        + ", ".join(label.lower() for label in labels)
        + " before asking for a solutions engineer."
    )
