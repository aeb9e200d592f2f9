"""The bug pages: every linked bug with its state, and one bug with its tickets, the accounts
and MRR it affects and the fixed notices to review. Who sees what is integrations.access;
the rules are integrations.bugs."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from sunrelay.integrations import access, bugs, tracker_api
from sunrelay.integrations.models import BugLink, BugNotice
from sunrelay.web.access import desk_view


@desk_view
@require_GET
def bug_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    links = access.visible_links(user).select_related("ticket__account").order_by("ticket_id")
    rows = list(
        access.visible_bugs(user)
        .annotate(tickets=Count("links"))
        .prefetch_related(Prefetch("links", queryset=links, to_attr="seen"))
        .order_by("state", "-tickets", "id")
    )
    for row in rows:
        # The accounts it hits that this user may see, once each.
        named = {link.ticket.account_id: link.ticket.account for link in row.seen}
        row.accounts = [account for account in named.values() if account is not None]
    return render(request, "integrations/bugs.html", {"bugs": rows})


def _bug_page(request: HttpRequest, pk: int, *, status: int = 200, **extra) -> HttpResponse:
    user = request.user
    bug = get_object_or_404(access.visible_bugs(user), pk=pk)
    context = {
        "bug": bug,
        "affected": bugs.affected(user, bug),
        "may_notify": access.may_notify(user),
        "placeholders": bugs.PLACEHOLDERS,
        **extra,
    }
    return render(request, "integrations/bug.html", context, status=status)


@desk_view
@require_GET
def bug(request: HttpRequest, pk: int) -> HttpResponse:
    return _bug_page(request, pk)


@desk_view
@require_POST
def check_tracker(request: HttpRequest, pk: int) -> HttpResponse:
    """Read the bug's title and state from its tracker now (integrations.tracker_api)."""
    bug = get_object_or_404(access.visible_bugs(request.user), pk=pk)
    access.check_notify(request.user)
    try:
        bug = tracker_api.refresh(bug)
    except tracker_api.FetchFailed as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{bug.get_tracker_display()} says: {bug.get_state_display()}.")
    return redirect("integrations:bug", pk=bug.pk)


def _notice(request: HttpRequest, pk: int) -> BugNotice:
    links = access.visible_links(request.user, BugLink.objects.all())
    return get_object_or_404(BugNotice.objects.filter(link__in=links).select_related("link"), pk=pk)


@desk_view
@require_POST
def send_notice(request: HttpRequest, pk: int) -> HttpResponse:
    notice = _notice(request, pk)
    access.check_notify(request.user)
    subject, body = request.POST.get("subject", ""), request.POST.get("body", "")
    try:
        queued = bugs.send(request.user, notice, subject=subject, body=body)
    except ValidationError as exc:
        edited = {"pk": notice.pk, "subject": subject, "body": body, "errors": exc.messages}
        return _bug_page(request, notice.link.bug_id, status=422, edited=edited)
    if queued:
        messages.success(request, f"Notice queued for {notice.link.ticket.requester.email}.")
    else:
        messages.warning(request, "The requester's address cannot receive mail; not sent.")
    return redirect("integrations:bug", pk=notice.link.bug_id)


@desk_view
@require_POST
def discard_notice(request: HttpRequest, pk: int) -> HttpResponse:
    notice = _notice(request, pk)
    try:
        bugs.discard(request.user, notice)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "The notice will not be sent.")
    return redirect("integrations:bug", pk=notice.link.bug_id)
