"""The acknowledgement link in a page: no log-in, one run, one action.

GET shows what would be acknowledged and a button; only POST acknowledges, because mail
scanners and chat unfurlers open links by themselves. The signed token is the credential,
so the form needs no CSRF cookie (a cross-site POST could only acknowledge the same run).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from sunrelay.paging import services, tokens
from sunrelay.paging.models import AckVia, PagingRun


@csrf_exempt
@require_http_methods(["GET", "POST"])
def acknowledge_link(request: HttpRequest, token: str) -> HttpResponse:
    try:
        run_id, user_id = tokens.read(token)
    except tokens.BadLink as exc:
        return render(request, "paging/ack_link.html", {"error": str(exc)}, status=400)
    run = PagingRun.objects.select_related("ticket", "acknowledged_by").filter(pk=run_id).first()
    if run is None:
        return render(
            request, "paging/ack_link.html", {"error": "This page no longer exists."}, status=404
        )
    done = False
    if request.method == "POST" and run.is_open:
        from django.contrib.auth import get_user_model

        user = (
            get_user_model().objects.filter(pk=user_id, is_active=True).first() if user_id else None
        )
        done = services.acknowledge(run, user, AckVia.LINK)
        run.refresh_from_db()
    response = render(request, "paging/ack_link.html", {"run": run, "done": done, "token": token})
    response["Referrer-Policy"] = "no-referrer"  # the token must not leak to the ticket link
    return response
