"""Two middlewares for the browser: the Content-Security-Policy, and sessions that end after
hours of inactivity.

The policy is one fixed header (settings.CONTENT_SECURITY_POLICY), so a small middleware is
enough; django-csp's nonces, per-view policies and reports are not needed, and Django 6.0
brings its own CSP middleware to move to. Scripts only come from our own static files: no
inline <script>, no on* attributes (tests/web/test_hardening.py reads every template).
Style attributes stay allowed (style-src-attr): the rotation bars are placed with them, and a
style attribute cannot run code.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.http import HttpRequest, HttpResponse

Handler = Callable[[HttpRequest], HttpResponse]


def content_security_policy(get_response: Handler) -> Handler:
    """Adds settings.CONTENT_SECURITY_POLICY to every HTML response that has none."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if response.get("Content-Type", "").startswith("text/html"):
            response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response

    return middleware


# Pushing a session's expiry is a database write; once every few minutes is precise enough
# for an inactivity limit counted in hours, and keeps each page view a read.
REFRESH_EVERY_SECONDS = 5 * 60
REFRESHED_KEY = "_sunrelay_refreshed"


def sliding_session(get_response: Handler) -> Handler:
    """A logged-in session lasts settings.SESSION_COOKIE_AGE after its last use, not its start.

    Works with Django's SessionMiddleware: marking the session modified saves it with a new
    expiry and sends the cookie again. Place after SessionMiddleware.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        session = getattr(request, "session", None)
        # A logged-in session, not request.user: an API token sets that without any session.
        if session is not None and SESSION_KEY in session:
            now = int(time.time())
            if now - session.get(REFRESHED_KEY, 0) >= REFRESH_EVERY_SECONDS:
                session[REFRESHED_KEY] = now  # marks it modified: saved, expiry pushed
        return response

    return middleware


def fresh_at_log_in(sender, request: HttpRequest, user, **kwargs) -> None:
    """user_logged_in receiver: a new session counts as just refreshed (no second write)."""
    if request is not None and hasattr(request, "session"):
        request.session[REFRESHED_KEY] = int(time.time())
