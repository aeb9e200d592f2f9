from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views import defaults
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


# The API answers in JSON whatever goes wrong, so clients parse one shape; pages keep HTML.
API_PREFIX = "/api/"


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's handler404: an unknown path under /api/ is a JSON 404 like the API's own."""
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": "Not Found"}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    """Django's handler500, after it logged the error: JSON under /api/, HTML elsewhere."""
    if request.path.startswith(API_PREFIX):
        return JsonResponse(
            {"detail": "Internal server error: the team has been told."}, status=500
        )
    return defaults.server_error(request)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's handler400 (a body past DATA_UPLOAD_MAX_MEMORY_SIZE, a host not served)."""
    if request.path.startswith(API_PREFIX):
        return JsonResponse(
            {"detail": "Bad request: too large, or for a host name this server does not serve."},
            status=400,
        )
    return defaults.bad_request(request, exception)


METHOD_ORDER = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]


def method_not_allowed_as_json(get_response):
    """Middleware: the API's 405 (ninja answers it in plain text) in JSON, Allow kept."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if (
            response.status_code == 405
            and request.path.startswith(API_PREFIX)
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            # In one order, whatever order the routers were added in.
            methods = sorted(
                (m.strip() for m in response.get("Allow", "").split(",") if m.strip()),
                key=lambda m: (METHOD_ORDER.index(m) if m in METHOD_ORDER else 99, m),
            )
            replaced = JsonResponse(
                {"detail": f"Method not allowed here; use {' or '.join(methods)}."}, status=405
            )
            replaced["Allow"] = ", ".join(methods)
            return replaced
        return response

    return middleware
