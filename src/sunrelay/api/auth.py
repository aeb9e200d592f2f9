"""Who is calling: a bearer token (scripts, integrations) or a logged-in browser session."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from sunrelay.api.tokens import authenticate
from sunrelay.web import throttle


class TooManyAttempts(Exception):
    """The caller's address guessed too many tokens or passwords; answered with 429."""

    def __init__(self, seconds: int) -> None:
        super().__init__(throttle.wait_words(seconds))
        self.seconds = seconds


class TokenAuth(HttpBearer):
    def __call__(self, request: HttpRequest):
        # Parsed here rather than by HttpBearer, which logs the whole header (the token with
        # it) when the scheme is not "Bearer" and DEBUG is on.
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return None
        return self.authenticate(request, token.strip())

    def authenticate(self, request: HttpRequest, token: str):
        if not throttle.token_allowed(request):
            raise TooManyAttempts(throttle.seconds_left(request))
        user = authenticate(token)
        if user is None:
            throttle.token_failed(request)
            return None
        # Services and role caches read request.user like they do for browser requests.
        request.user = user
        return user


class BrowserSession(SessionAuth):
    """ninja's session auth (CSRF enforced on unsafe methods) for logged-in users only.

    Without a session there is nobody to protect from cross-site requests, and the caller
    should hear 401 "Unauthorized" rather than a CSRF failure.
    """

    def __call__(self, request: HttpRequest):
        if not request.user.is_authenticated:
            return None
        return super().__call__(request)


AUTH = [TokenAuth(), BrowserSession()]


def actor(request: HttpRequest):
    """The authenticated user of an API request."""
    return request.auth  # type: ignore[attr-defined]
