"""Saved views: a queue's filters and sort under a name.

- A view is its owner's own, or shared with everyone who uses the desk; only a lead shares.
- Everyone with a role sees their own views and the shared ones; a view shows each person
  only the tickets they may see (the queue applies desk.permissions as always).
- The owner edits and deletes a view; a lead also edits and deletes shared ones (the lead
  who shared it may be away).
- Names are one line, at most 80 characters, one per name and owner. Filters are the queue
  page's query parameters (desk.queue_filters.filter_keys()); callers parse their values
  (the queue's form, the API's schema) and pass them cleaned.

Rule violations raise ValidationError with a message per field; access violations raise
PermissionDenied.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet

from sunrelay.desk.models import SavedView
from sunrelay.desk.queue_filters import filter_keys
from sunrelay.desk.queues import QUEUES
from sunrelay.lib.headers_safe import is_one_line
from sunrelay.team.roles import is_lead, is_staff_member

MAX_NAME_LENGTH = 80
MAX_VALUE_LENGTH = 200
FIELDS = frozenset({"name", "queue", "filters", "shared"})


def visible_views(user) -> QuerySet[SavedView]:
    """The person's own views and the shared ones, by name."""
    if not is_staff_member(user):
        return SavedView.objects.none()
    views = SavedView.objects.filter(Q(owner=user) | Q(shared=True)).select_related("owner")
    return views.order_by("name", "id")


def can_edit(user, view: SavedView) -> bool:
    return is_staff_member(user) and (view.owner_id == user.pk or (view.shared and is_lead(user)))


def clean_filters(filters: dict[str, Any]) -> dict[str, str]:
    """Known keys with a value, as strings; empty values drop out."""
    known = filter_keys()
    unknown = sorted(set(filters) - set(known))
    if unknown:
        raise ValidationError(
            {"filters": f"Unknown filter {', '.join(unknown)}; filters are {', '.join(known)}."}
        )
    clean = {}
    for key in known:
        value = filters.get(key)
        if value in (None, "", False):
            continue
        value = str(value)
        if len(value) > MAX_VALUE_LENGTH or not is_one_line(value):
            raise ValidationError(
                {
                    "filters": f"The {key} filter must be one line of at most {MAX_VALUE_LENGTH} "
                    "characters."
                }
            )
        clean[key] = value
    return clean


def _clean(view: SavedView, changes: dict[str, Any]) -> None:
    unknown = set(changes) - FIELDS
    if unknown:
        raise ValidationError({name: "This field cannot be changed." for name in sorted(unknown)})
    if "name" in changes:
        name = (changes["name"] or "").strip()
        if not name:
            raise ValidationError({"name": "A view needs a name."})
        if len(name) > MAX_NAME_LENGTH or not is_one_line(name):
            raise ValidationError(
                {"name": f"A view's name is one line of at most {MAX_NAME_LENGTH} characters."}
            )
        view.name = name
    if "queue" in changes:
        if changes["queue"] not in QUEUES:
            raise ValidationError(
                {
                    "queue": f"There is no queue {changes['queue']!r}; queues are "
                    f"{', '.join(QUEUES)}."
                }
            )
        view.queue = changes["queue"]
    if "filters" in changes:
        view.filters = clean_filters(changes["filters"] or {})
    if "shared" in changes:
        view.shared = bool(changes["shared"])


def _save(view: SavedView, actor, *, was_shared: bool) -> SavedView:
    # Sharing is the lead's; a view shared before stays shared whoever edits it later.
    if view.shared and not was_shared and not is_lead(actor):
        raise PermissionDenied("Only a lead shares views with everyone.")
    taken = SavedView.objects.filter(owner_id=view.owner_id, name=view.name).exclude(pk=view.pk)
    if taken.exists():
        raise ValidationError({"name": f"There is already a view called {view.name!r}."})
    try:
        with transaction.atomic():
            view.save()
    except IntegrityError:  # the same name saved at the same moment
        raise ValidationError({"name": f"There is already a view called {view.name!r}."}) from None
    return view


def create_view(
    actor, *, name: str, queue: str, filters: dict[str, Any], shared: bool = False
) -> SavedView:
    if not is_staff_member(actor):
        raise PermissionDenied("Only people with a role in Sunrelay save views.")
    view = SavedView(owner=actor)
    _clean(view, {"name": name, "queue": queue, "filters": filters, "shared": shared})
    return _save(view, actor, was_shared=False)


def update_view(view: SavedView, actor, **changes: Any) -> SavedView:
    if not can_edit(actor, view):
        raise PermissionDenied("Only its owner (or a lead, for a shared view) changes a view.")
    was_shared = view.shared
    _clean(view, changes)
    return _save(view, actor, was_shared=was_shared)


def delete_view(view: SavedView, actor) -> None:
    if not can_edit(actor, view):
        raise PermissionDenied("Only its owner (or a lead, for a shared view) deletes a view.")
    view.delete()
