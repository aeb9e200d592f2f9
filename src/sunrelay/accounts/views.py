"""Account and contact pages of the workspace: lists and details (edits: accounts.edit_views)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from sunrelay.accounts.permissions import visible_accounts, visible_contacts
from sunrelay.desk.models import UNSOLVED_STATUSES, Ticket
from sunrelay.desk.permissions import visible_tickets
from sunrelay.lib import bounds
from sunrelay.web.access import desk_view

PAGE_SIZE = 50
TICKETS_SHOWN = 50
CONTACTS_SHOWN = 200

OPEN = Q(status__in=UNSOLVED_STATUSES)


@desk_view
@require_GET
def account_list(request: HttpRequest) -> HttpResponse:
    # A search box: a NUL (PostgreSQL cannot compare it) is dropped, the rest cut to length.
    text = request.GET.get("q", "").replace("\x00", "").strip()[: bounds.MAX_SEARCH_LENGTH]
    qs = visible_accounts(request.user).select_related("ae", "ce").order_by("-mrr", "name")
    if text:
        qs = qs.filter(name__icontains=text)
    if request.GET.get("strategic") == "1":
        qs = qs.filter(strategic=True)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    accounts = list(page.object_list)
    # Open tickets per account on this page, in one query.
    open_counts = dict(
        Ticket.objects.filter(OPEN, account__in=accounts)
        .values_list("account")
        .annotate(n=Count("id"))
        .values_list("account", "n")
    )
    for account in accounts:
        account.open_count = open_counts.get(account.pk, 0)
    return render(
        request, "accounts/account_list.html", {"page": page, "accounts": accounts, "q": text}
    )


def _tickets(user, **filters):
    return visible_tickets(user, Ticket.objects.filter(**filters)).select_related(
        "requester", "assignee"
    )


@desk_view
@require_GET
def account_detail(request: HttpRequest, pk: int) -> HttpResponse:
    account = get_object_or_404(
        visible_accounts(request.user).select_related("ae", "ce", "business_calendar"), pk=pk
    )
    contacts = list(
        visible_contacts(request.user, account.contacts.all())
        .annotate(
            open_count=Count(
                "requested_tickets", filter=Q(requested_tickets__status__in=UNSOLVED_STATUSES)
            )
        )
        .order_by("name", "email")[:CONTACTS_SHOWN]
    )
    tickets = _tickets(request.user, account=account)
    open_tickets = list(tickets.filter(OPEN).order_by("-updated_at")[:TICKETS_SHOWN])
    recent_solved = list(tickets.exclude(OPEN).order_by("-updated_at")[:20])
    return render(
        request,
        "accounts/account_detail.html",
        {
            "account": account,
            "domains": list(account.domains.values_list("domain", flat=True)),
            "contacts": contacts,
            "open_tickets": open_tickets,
            "open_total": tickets.filter(OPEN).count(),
            "recent_solved": recent_solved,
        },
    )


@desk_view
@require_GET
def contact_detail(request: HttpRequest, pk: int) -> HttpResponse:
    contact = get_object_or_404(
        visible_contacts(request.user).select_related("account", "account__ae", "account__ce"),
        pk=pk,
    )
    tickets = list(
        _tickets(request.user, requester=contact).order_by("-updated_at")[:TICKETS_SHOWN]
    )
    return render(request, "accounts/contact_detail.html", {"contact": contact, "tickets": tickets})


CONTACT_OPTIONS = 10


@desk_view
@require_GET
def contact_options(request: HttpRequest) -> HttpResponse:
    """<option>s of the contacts whose name or address holds the text typed (a datalist's
    content: the new-ticket form offers them as you type)."""
    text = (request.GET.get("q") or request.GET.get("requester_email") or "").strip()[:254]
    found = []
    if len(text) >= 2:
        found = list(
            visible_contacts(request.user)
            .filter(Q(email__icontains=text) | Q(name__icontains=text))
            .select_related("account")
            .order_by("email")[:CONTACT_OPTIONS]
        )
    return render(request, "accounts/_contact_options.html", {"contacts": found})
