"""Who is calling /api/v1/portal/: a contact, by their own token (portal.tokens).

Nothing else opens these endpoints: not a staff token, not a logged-in staff browser, not a
portal browser session. And a contact's token opens no other endpoint: the rest of the API
only knows staff tokens and staff sessions (api.auth).
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer

from sunrelay.accounts.models import Contact
from sunrelay.portal import tokens


class ContactTokenAuth(HttpBearer):
    def __call__(self, request: HttpRequest):
        # Parsed here, as api.auth.TokenAuth does, so a token is never logged.
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return None
        return self.authenticate(request, token.strip())

    def authenticate(self, request: HttpRequest, token: str) -> Contact | None:
        return tokens.authenticate(token)


def calling_contact(request: HttpRequest) -> Contact:
    return request.auth  # type: ignore[attr-defined]
