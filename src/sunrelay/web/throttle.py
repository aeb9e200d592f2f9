"""Slowing down guessed passwords and API tokens.

django-axes keeps the count: every failed log-in (the log-in form, the admin's) and every bad
API token is a row in the database, so all web processes share it. Rules:

- A log-in counts against its user name and against its address; either one reaching
  settings.AXES_FAILURE_LIMIT failures, each within settings.AXES_COOLOFF_TIME of the last,
  refuses further attempts, right password or not, until the cool-off has passed.
- A bad API token counts against its address only (it names no user). A refused address gets
  429 from the API, also for a good token: a guesser holding one proves nothing.
- A successful log-in clears its user name's count from that address.

`sunrelay axes_reset` (or the admin's "Access attempts") lifts a lock at once.
"""

from __future__ import annotations

import math

from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.db.models import Max, Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from sunrelay.web.views import API_PREFIX


def lockout_parameters(request: HttpRequest, credentials: dict | None) -> list[str]:
    """What failures are counted against (django-axes' AXES_LOCKOUT_PARAMETERS)."""
    # Filtering on a missing user name would lump every token guesser together.
    if credentials and credentials.get("username"):
        return ["username", "ip_address"]
    return ["ip_address"]


def seconds_left(request: HttpRequest, credentials: dict | None = None) -> int:
    """Whole seconds until the latest counted failure leaves the cool-off window."""
    AxesProxyHandler.update_request(request)
    who = Q(ip_address=request.axes_ip_address)  # type: ignore[attr-defined]
    username = (credentials or {}).get("username")
    if username:
        who |= Q(username=username)
    latest = AccessAttempt.objects.filter(who).aggregate(latest=Max("attempt_time"))["latest"]
    if latest is None:
        return 0
    left = latest + settings.AXES_COOLOFF_TIME - timezone.now()
    return max(math.ceil(left.total_seconds()), 0)


def wait_words(seconds: int) -> str:
    minutes = max(math.ceil(seconds / 60), 1)
    unit = "minute" if minutes == 1 else "minutes"
    return f"Too many attempts: try again in {minutes} {unit}."


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """The log-in page again, saying how long to wait (django-axes' AXES_LOCKOUT_CALLABLE).

    The API's last bad token before the lock lands here too: it gets the API's JSON.
    """
    seconds = seconds_left(request, credentials)
    if request.path.startswith(API_PREFIX):
        response = JsonResponse({"detail": wait_words(seconds)}, status=429)
        response["Retry-After"] = str(seconds)
        return response
    form = AuthenticationForm(request, initial={"username": (credentials or {}).get("username")})
    context = {
        "form": form,
        "next": request.POST.get("next", ""),
        "locked": wait_words(seconds),
        "sso": settings.SSO,  # the "Sign in with …" button stays
    }
    return render(request, "web/login.html", context, status=429)


# What django-axes hears of a token: that there was one, never the token itself.
TOKEN_CREDENTIALS = {"api_token": "(withheld)"}


def token_allowed(request: HttpRequest) -> bool:
    """False while the caller's address is refused for guessing tokens or passwords."""
    return AxesProxyHandler.is_allowed(request, TOKEN_CREDENTIALS)


def token_failed(request: HttpRequest) -> None:
    """Count a bad API token against the caller's address."""
    user_login_failed.send(sender=__name__, credentials=TOKEN_CREDENTIALS, request=request)
