"""The lead sets up the qualification checklist: adds, renames, reorders and switches items
off or on again. Items are never deleted (their confirmations would go with them); an item
switched off no longer counts at the gate (presales.qualification)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify

from sunrelay.presales import access
from sunrelay.presales.models import QualificationItem

LABEL_MAX = 80
HELP_MAX = 200


def _checked(label: str, help_text: str) -> tuple[str, str]:
    label, help_text = label.strip(), help_text.strip()
    errors = {}
    if not label:
        errors["label"] = "Give the item a name."
    elif len(label) > LABEL_MAX:
        errors["label"] = f"Keep the name to {LABEL_MAX} characters."
    if len(help_text) > HELP_MAX:
        errors["help"] = f"Keep the explanation to {HELP_MAX} characters."
    if errors:
        raise ValidationError(errors)
    return label, help_text


def _free_key(label: str) -> str:
    base = slugify(label)[:36] or "item"
    key, n = base, 2
    while QualificationItem.objects.filter(key=key).exists():
        key, n = f"{base}-{n}", n + 1
    return key


def add_item(user, label: str, help_text: str = "") -> QualificationItem:
    """A new active item at the end of the list; its key (the API's name for it) comes from
    the label and never changes, renamed or not."""
    access.check_configure(user)
    label, help_text = _checked(label, help_text)
    if QualificationItem.objects.filter(label__iexact=label).exists():
        raise ValidationError({"label": f"There is an item called “{label}” already."})
    last = QualificationItem.objects.aggregate(last=Max("position"))["last"] or 0
    return QualificationItem.objects.create(
        key=_free_key(label), label=label, help=help_text, position=last + 1
    )


def change_item(
    user, item: QualificationItem, *, label: str, help_text: str, active: bool
) -> QualificationItem:
    """Rename, re-explain, switch off or on. Confirmations already made stay either way."""
    access.check_configure(user)
    label, help_text = _checked(label, help_text)
    if QualificationItem.objects.filter(label__iexact=label).exclude(pk=item.pk).exists():
        raise ValidationError({"label": f"There is an item called “{label}” already."})
    item.label, item.help, item.active = label, help_text, active
    item.save(update_fields=["label", "help", "active"])
    return item


def move_item(user, item: QualificationItem, step: int) -> list[QualificationItem]:
    """Move an item one place up (step -1) or down (+1); the list is renumbered 1, 2, 3… so
    equal positions left by the admin sort out. At either end it stays where it is."""
    access.check_configure(user)
    if step not in (-1, 1):
        raise ValidationError("Move an item one place up or down.")
    with transaction.atomic():
        items = list(QualificationItem.objects.select_for_update().order_by("position", "key"))
        at = next(i for i, found in enumerate(items) if found.pk == item.pk)
        to = at + step
        if 0 <= to < len(items):
            items[at], items[to] = items[to], items[at]
        for position, found in enumerate(items, start=1):
            if found.position != position:
                found.position = position
                found.save(update_fields=["position"])
    return items
