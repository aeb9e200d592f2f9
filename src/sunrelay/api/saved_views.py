"""/views: saved views, a queue's filters and sort under a name (desk.saved_views)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja import Status as HttpStatus

from sunrelay.api.auth import actor
from sunrelay.api.schemas import Id, Input, UserRef
from sunrelay.desk import saved_views
from sunrelay.desk.models import SavedView
from sunrelay.desk.queue_filters import filter_keys
from sunrelay.desk.views.forms import QueueFilterForm
from sunrelay.desk.views.saved import view_url
from sunrelay.team.roles import desk_people

router = Router(tags=["views"])

FILTERS_HELP = (
    "The queue page's query parameters, as in its URL: "
    + ", ".join(filter_keys())
    + " (see docs/workspace.md)."
)


class ViewOut(Schema):
    id: int
    name: str
    queue: str = Field(description="The queue's slug: mine, unassigned, open, tier-pro, …")
    filters: dict[str, str]
    shared: bool
    owner: UserRef
    editable: bool = Field(description="You may change and delete it.")
    url: str = Field(description="The view in the workspace.")


class ViewIn(Input):
    name: str = Field(max_length=saved_views.MAX_NAME_LENGTH)
    queue: str = "open"
    filters: dict[str, str] = Field(default_factory=dict, description=FILTERS_HELP)
    shared: bool = Field(False, description="Shared with everyone; leads only.")


class ViewPatch(Input):
    # Fields left out stay as they are.
    name: str = Field(None, max_length=saved_views.MAX_NAME_LENGTH)
    queue: str = None
    filters: dict[str, str] = Field(None, description=FILTERS_HELP)
    shared: bool = None


def _out(view: SavedView, user) -> dict:
    return {
        "id": view.pk,
        "name": view.name,
        "queue": view.queue,
        "filters": view.filters,
        "shared": view.shared,
        "owner": view.owner,
        "editable": saved_views.can_edit(user, view),
        "url": view_url(view),
    }


def _checked(filters: dict[str, str]) -> dict[str, str]:
    """Values the queue page would ignore are refused here, in the page's words."""
    form = QueueFilterForm(filters, people=desk_people())
    bad = [f"{name}: {' '.join(errors)}" for name, errors in form.errors.items()]
    if bad:
        raise ValidationError({"filters": bad})
    return filters


@router.get("", response=list[ViewOut], summary="List saved views (yours and the shared ones)")
def list_views(request: HttpRequest):
    user = actor(request)
    return [_out(v, user) for v in saved_views.visible_views(user)]


@router.post("", response={201: ViewOut}, summary="Save a view")
def create_view(request: HttpRequest, payload: ViewIn):
    user = actor(request)
    view = saved_views.create_view(
        user,
        name=payload.name,
        queue=payload.queue,
        filters=_checked(payload.filters),
        shared=payload.shared,
    )
    return HttpStatus(201, _out(view, user))


@router.patch("/{view_id}", response=ViewOut, summary="Change a saved view")
def update_view(request: HttpRequest, view_id: Id, payload: ViewPatch):
    user = actor(request)
    view = get_object_or_404(saved_views.visible_views(user), pk=view_id)
    changes = payload.model_dump(exclude_unset=True)
    if "filters" in changes:
        changes["filters"] = _checked(changes["filters"] or {})
    saved_views.update_view(view, user, **changes)
    return _out(view, user)


@router.delete("/{view_id}", response={204: None}, summary="Delete a saved view")
def delete_view(request: HttpRequest, view_id: Id):
    user = actor(request)
    view = get_object_or_404(saved_views.visible_views(user), pk=view_id)
    saved_views.delete_view(view, user)
    return HttpStatus(204, None)
