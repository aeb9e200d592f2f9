"""The account page's Slack panel: whether the account has a shared channel (a sign it is
treated as strategic) and how many of its tickets came from Slack."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from sunrelay.accounts.permissions import visible_accounts
from sunrelay.desk.models import UNSOLVED_STATUSES, Channel
from sunrelay.slack.models import SharedChannel
from sunrelay.web.access import desk_view


@desk_view
@require_GET
def account_panel(request: HttpRequest, pk: int) -> HttpResponse:
    account = get_object_or_404(visible_accounts(request.user), pk=pk)
    tickets = account.tickets.filter(channel=Channel.SLACK)
    context = {
        "account": account,
        "channels": list(SharedChannel.objects.filter(account=account)),
        "open": tickets.filter(status__in=UNSOLVED_STATUSES).count(),
        "total": tickets.count(),
    }
    return render(request, "slack/_account_panel.html", context)
