"""Queue pages: the overview of all queues and one queue's tickets, sorted, filtered, paged;
the saved views in the navigation."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from sunrelay.desk import saved_views
from sunrelay.desk.models import Tag
from sunrelay.desk.permissions import can_work_ticket
from sunrelay.desk.queues import (
    PAGE_SIZE,
    QUEUES,
    SORTS,
    default_sort,
    fetch_tickets,
    queue_counts,
    queue_tickets,
)
from sunrelay.desk.views.forms import QueueFilterForm
from sunrelay.desk.views.queue_forms import BulkForm, SavedViewForm
from sunrelay.desk.views.rows import queue_rows
from sunrelay.sla.queues import URGENCY_SORT, sla_rows
from sunrelay.team.roles import desk_people, is_lead
from sunrelay.web.access import desk_view

# The columns a queue shows, each with the sort key its header toggles. The SLA column
# sorts most urgent first: its deadline, moved earlier for priority, tier and MRR.
COLUMNS = [
    ("id", "#"),
    ("subject", "Subject"),
    ("requester", "Requester"),
    ("account", "Account"),
    ("status", "Status"),
    ("priority", "Priority"),
    (URGENCY_SORT, "SLA"),
    ("level", "Level"),
    ("assignee", "Assignee"),
    ("age", "Age"),
    ("updated", "Updated"),
]
assert all(key in SORTS for key, _ in COLUMNS)

# The datalist of the tag filter; beyond this many the field still takes any name.
TAG_SUGGESTIONS = 300


def _views(user, current_id: int | None) -> list[dict]:
    """The person's saved views and the shared ones, for the navigation: one query."""
    return [
        {
            "view": v,
            "mine": v.owner_id == user.pk,
            "current": v.pk == current_id,
            "editable": saved_views.can_edit(user, v),
        }
        for v in saved_views.visible_views(user)
    ]


def _sidebar(user, current: str | None) -> list[dict]:
    """The queues by group with their counts; `current`: the slug shown (None: none is)."""
    counts = queue_counts(user)
    groups: dict[str, list] = {}
    for q in QUEUES.values():
        groups.setdefault(q.group, []).append(
            {
                "slug": q.slug,
                "title": q.title,
                "count": counts[q.slug],
                "current": q.slug == current,
            }
        )
    return [{"name": name, "queues": queues} for name, queues in groups.items()]


@desk_view
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    context = {"groups": _sidebar(request.user, None), "views": _views(request.user, None)}
    return render(request, "desk/index.html", context)


def _sort_words(sort: str) -> str:
    if sort == URGENCY_SORT:
        return "most urgent first"
    if sort == f"-{URGENCY_SORT}":
        return "least urgent first"
    label = SORTS[sort.lstrip("-")][0].lower()
    return f"by {label}, descending" if sort.startswith("-") else f"by {label}"


HEADER_TITLES = {
    URGENCY_SORT: (
        "Next SLA deadline. Sorts most urgent first: running clocks by deadline, priority, "
        "tier and MRR; then tickets with no running clock; then those waiting on the customer"
    ),
}


def _headers(sort: str) -> list[dict]:
    headers = []
    for key, label in COLUMNS:
        active = sort.lstrip("-") == key
        descending = active and sort.startswith("-")
        # A first click sorts the way people mostly want: priority and MRR high first.
        first = f"-{key}" if key in ("priority", "mrr") else key
        headers.append(
            {
                "key": key,
                "label": label,
                "active": active,
                "descending": descending,
                "next": (key if descending else f"-{key}") if active else first,
                "title": HEADER_TITLES.get(key, ""),
                # An order that is not the column's own values is said in words, not ▲ / ▼.
                "order": _sort_words(sort) if active and key == URGENCY_SORT else "",
            }
        )
    return headers


def _view_id(params: QueryDict) -> int | None:
    value = params.get("view", "")
    return int(value) if value.isdigit() and len(value) <= 18 else None


def _same_filters(shown: dict, saved: dict) -> bool:
    # "Unsolved" is the status a queue shows when none is chosen: with it or without, the same.
    def meant(filters):
        return {k: str(v) for k, v in filters.items() if v and (k, v) != ("status", "unsolved")}

    return meant(shown) == meant(saved)


def _current_view(views: list[dict], queue, filters: dict) -> dict | None:
    """The saved view shown, if any, and whether the queue and filters on screen are still
    its own."""
    current = next((v for v in views if v["current"]), None)
    if current is not None:
        view = current["view"]
        current["changed"] = queue.slug != view.queue or not _same_filters(filters, view.filters)
    return current


def queue_context(request: HttpRequest, current, params: QueryDict, *, whole: bool) -> dict:
    """What the queue page shows for these query parameters; `whole`: the page around the
    results too (navigation, tag suggestions), not only the results."""
    user = request.user
    people = desk_people()
    form = QueueFilterForm(params, people=people)
    filters = form.usable_filters()
    sort = filters.get("sort") or default_sort(filters)
    page = Paginator(queue_tickets(user, current, filters), PAGE_SIZE).get_page(params.get("page"))
    pks = list(page.object_list)
    tickets = fetch_tickets(pks)
    view_id = _view_id(params)
    views = _views(user, view_id)
    can_work = can_work_ticket(user)
    context = {
        "queue": current,
        "form": form,
        "page": page,
        "rows": queue_rows(tickets, sla_rows(pks)),
        "headers": _headers(sort),
        "sort": sort,
        # Only a sort the user chose travels with the filters: the default depends on them.
        "sort_chosen": bool(filters.get("sort")),
        "sort_words": _sort_words(sort),
        "urgency_is_default": default_sort(filters) == URGENCY_SORT,
        "filtered": any(v for k, v in filters.items() if k not in ("sort",)),
        # The page's own parameters: a bulk change answers a POST with this page again.
        "params": params,
        "query": params.urlencode(),
        "selected": set(),
        "views": views,
        "current_view": _current_view(views, current, filters),
        "view_form": SavedViewForm(may_share=is_lead(user)),
        "can_work": can_work,
        "refresh_seconds": settings.QUEUE_REFRESH_SECONDS,
        "bulk_form": BulkForm(initial={"query": params.urlencode()}, assignees=people.workers)
        if can_work
        else None,
    }
    if whole:
        # A saved view is the current place in the navigation, not its queue.
        context["groups"] = _sidebar(user, None if context["current_view"] else current.slug)
        context["known_tags"] = Tag.objects.values_list("name", flat=True)[:TAG_SUGGESTIONS]
    return context


def queue_or_404(name: str):
    current = QUEUES.get(name)
    if current is None:
        raise Http404("No such queue.")
    return current


@desk_view
@require_GET
def queue(request: HttpRequest, name: str) -> HttpResponse:
    current = queue_or_404(name)
    fragment = request.headers.get("HX-Target") == "queue-results"
    context = queue_context(request, current, request.GET, whole=not fragment)
    template = "desk/_queue_results.html" if fragment else "desk/queue.html"
    response = render(request, template, context)
    # The same URL answers a fragment to htmx and a page to the browser: caches must tell them apart.
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response
