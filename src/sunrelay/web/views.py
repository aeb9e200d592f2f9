from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

import sunrelay
from sunrelay.team.roles import is_staff_member


def home(request: HttpRequest) -> HttpResponse:
    # Staff come here to work: straight to the desk.
    if is_staff_member(request.user):
        return redirect("desk:index")
    return render(request, "web/home.html", {"version": sunrelay.__version__})


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitors: 200 when the database answers, 503 when not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any database failure means "not healthy"
        return JsonResponse(
            {"status": "error", "database": type(exc).__name__, "version": sunrelay.__version__},
            status=503,
        )
    return JsonResponse({"status": "ok", "database": "ok", "version": sunrelay.__version__})
