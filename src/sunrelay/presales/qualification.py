"""The gate: an SE is asked for only when every active checklist item is confirmed."""

from __future__ import annotations

from sunrelay.presales.models import Opportunity, QualificationItem

PREFETCH = "confirmations__confirmed_by"


def active_items() -> list[QualificationItem]:
    return list(QualificationItem.objects.filter(active=True))


def checklist(
    opportunity: Opportunity, items: list[QualificationItem] | None = None
) -> list[tuple[QualificationItem, object]]:
    """Each active item with its confirmation (None when not confirmed), in list order.

    Lists pass `items` (active_items(), read once) and prefetch PREFETCH, so a page of
    opportunities costs the same few queries however long it is."""
    confirmed = {c.item_id: c for c in opportunity.confirmations.all()}
    return [(item, confirmed.get(item.pk)) for item in (items or active_items())]


def missing(opportunity: Opportunity, items: list[QualificationItem] | None = None) -> list[str]:
    """The labels of the active items not confirmed yet, in list order."""
    return [item.label for item, done in checklist(opportunity, items) if done is None]


def is_qualified(opportunity: Opportunity) -> bool:
    return not missing(opportunity)


def gate_message(labels: list[str]) -> str:
    """Why an SE request is refused, in words: the items still to confirm."""
    return (
        "This opportunity is not qualified yet: confirm "
        + ", ".join(label.lower() for label in labels)
        + " before asking for a solutions engineer."
    )
