"""Saved views: open one (its queue with its filters), save the queue's filters under a name,
rename, share, update and delete. The rules are desk.saved_views'."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sunrelay.desk import saved_views
from sunrelay.desk.models import SavedView
from sunrelay.desk.queues import QUEUES
from sunrelay.desk.views.forms import QueueFilterForm
from sunrelay.desk.views.queue_forms import MAX_QUERY_LENGTH, SavedViewForm
from sunrelay.desk.views.queues import queue_or_404
from sunrelay.lib.forms import apply_service_errors
from sunrelay.team.roles import desk_people, is_lead
from sunrelay.web.access import desk_view


def view_url(view: SavedView) -> str:
    """The view's queue with its filters; `view` in the query marks it as the one shown."""
    slug = view.queue if view.queue in QUEUES else "open"
    query = QueryDict(mutable=True)
    query.update(view.filters)
    query["view"] = str(view.pk)
    return f"{reverse('desk:queue', args=[slug])}?{query.urlencode()}"


def _filter_form(params) -> QueueFilterForm:
    return QueueFilterForm(params, people=desk_people())


def filters_of(query: str) -> dict[str, str]:
    """The valid, non-empty filters of a queue page's query string (a bad one is left out, as
    the page ignores it)."""
    filters = _filter_form(QueryDict(query[:MAX_QUERY_LENGTH])).usable_filters()
    return {key: value for key, value in filters.items() if value}


def describe(filters: dict[str, str]) -> list[tuple[str, str]]:
    """The filters in words: [("Priority", "Urgent"), ("SLA", "Breached")]."""
    form = _filter_form(filters)
    words = []
    for name, value in filters.items():
        if name in form.fields:
            choices = dict(getattr(form.fields[name], "choices", ()))
            words.append((str(form[name].label), str(choices.get(value, value))))
    return words


def _queue_page(slug: str, query: str) -> str:
    url = reverse("desk:queue", args=[queue_or_404(slug).slug])
    return f"{url}?{query}" if query else url


def _editable(request: HttpRequest, pk: int) -> SavedView:
    view = get_object_or_404(saved_views.visible_views(request.user), pk=pk)
    if not saved_views.can_edit(request.user, view):
        raise PermissionDenied("Only its owner (or a lead, for a shared view) changes a view.")
    return view


def _errors(form) -> str:
    return " ".join(e for field in form.errors.values() for e in field)


@desk_view
@require_GET
def open_view(request: HttpRequest, pk: int) -> HttpResponse:
    view = get_object_or_404(saved_views.visible_views(request.user), pk=pk)
    return redirect(view_url(view))


@desk_view
@require_POST
def create(request: HttpRequest) -> HttpResponse:
    query = request.POST.get("query", "")[:MAX_QUERY_LENGTH]
    back = _queue_page(request.POST.get("queue", ""), query)
    form = SavedViewForm(request.POST, may_share=is_lead(request.user))
    view = None
    if form.is_valid():
        try:
            view = saved_views.create_view(
                request.user,
                name=form.cleaned_data["name"],
                queue=request.POST["queue"],
                filters=filters_of(query),
                shared=form.cleaned_data.get("shared", False),
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
    if view is None:
        messages.error(request, f"The view was not saved: {_errors(form)}")
        return redirect(back)
    shared = " and shared it with everyone" if view.shared else ""
    messages.success(request, f"Saved the view {view.name}{shared}.")
    return redirect(view_url(view))


@desk_view
@require_POST
def save_filters(request: HttpRequest, pk: int) -> HttpResponse:
    view = _editable(request, pk)
    slug = queue_or_404(request.POST.get("queue", "")).slug
    filters = filters_of(request.POST.get("query", ""))
    saved_views.update_view(view, request.user, queue=slug, filters=filters)
    messages.success(request, f"The view {view.name} now shows these filters.")
    return redirect(view_url(view))


@desk_view
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    view = _editable(request, pk)
    initial = {"name": view.name, "shared": view.shared}
    form = SavedViewForm(
        request.POST or None, initial=initial, may_share=is_lead(request.user) or view.shared
    )
    if request.method == "POST" and form.is_valid():
        changes = {k: v for k, v in form.cleaned_data.items() if k in form.fields}
        try:
            saved_views.update_view(view, request.user, **changes)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, f"Saved the view {view.name}.")
            return redirect(view_url(view))
    view.refresh_from_db()  # a refused change is not shown as made
    context = {
        "view": view,
        "form": form,
        "words": describe(view.filters),
        "queue": QUEUES.get(view.queue),
        "url": view_url(view),
    }
    return render(request, "desk/saved_view.html", context, status=422 if form.errors else 200)


@desk_view
@require_POST
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    view = _editable(request, pk)
    saved_views.delete_view(view, request.user)
    messages.success(request, f"Deleted the view {view.name}.")
    slug = view.queue if view.queue in QUEUES else "open"
    return redirect("desk:queue", name=slug)
