"""Queue pages: the overview of all queues and one queue's tickets, sorted, filtered, paged."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from sunrelay.desk.models import Tag
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
from sunrelay.desk.views.rows import queue_rows
from sunrelay.sla.queues import URGENCY_SORT, sla_rows
from sunrelay.team.roles import ticket_workers
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


def _sidebar(user, current: str | None) -> list[dict]:
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
    return render(request, "desk/index.html", {"groups": _sidebar(request.user, None)})


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


@desk_view
@require_GET
def queue(request: HttpRequest, name: str) -> HttpResponse:
    current = QUEUES.get(name)
    if current is None:
        raise Http404("No such queue.")
    assignees = list(ticket_workers())
    form = QueueFilterForm(request.GET, assignees=assignees)
    filters = form.usable_filters()
    sort = filters.get("sort") or default_sort(filters)
    page = Paginator(queue_tickets(request.user, current, filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    pks = list(page.object_list)
    tickets = fetch_tickets(pks)
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
    }
    if request.headers.get("HX-Target") == "queue-results":
        response = render(request, "desk/_queue_results.html", context)
    else:
        context["groups"] = _sidebar(request.user, current.slug)
        context["known_tags"] = Tag.objects.values_list("name", flat=True)[:TAG_SUGGESTIONS]
        response = render(request, "desk/queue.html", context)
    # The same URL answers a fragment to htmx and a page to the browser: caches must tell them apart.
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response
