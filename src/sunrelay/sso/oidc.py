"""The OpenID Connect client: Authlib's, configured by discovery from the issuer
(ISSUER/.well-known/openid-configuration gives the endpoints, the signing keys and whether
the provider offers RP-initiated logout). Authlib checks the state, the nonce, the ID token's
signature, issuer, audience and expiry."""

from __future__ import annotations

from functools import lru_cache

from authlib.integrations.django_client import DjangoOAuth2App, OAuth
from django.conf import settings

from sunrelay.lib.sso_config import SsoConfig

# The session keys a single sign-on leaves: the ID token (for logout's id_token_hint).
ID_TOKEN = "sso_id_token"  # noqa: S105 — a session key's name, not a secret
TIMEOUT = 10  # seconds for each call to the provider


@lru_cache(maxsize=8)
def _client(issuer: str, client_id: str, secret: str, scopes: str) -> DjangoOAuth2App:
    # One client per configuration: it keeps the discovered metadata and keys.
    oauth = OAuth()
    oauth.register(
        name="sunrelay",
        client_id=client_id,
        client_secret=secret,
        server_metadata_url=f"{issuer}/.well-known/openid-configuration",
        client_kwargs={"scope": scopes, "timeout": TIMEOUT, "code_challenge_method": "S256"},
    )
    return oauth.create_client("sunrelay")


def client() -> DjangoOAuth2App:
    c: SsoConfig = settings.SSO
    return _client(c.issuer, c.client_id, c.client_secret, c.scopes)


def claims(token: dict) -> dict:
    """The ID token's claims, completed by the userinfo endpoint when the token lacks the
    e-mail (Keycloak and Entra put it in the token; others only in userinfo)."""
    found = dict(token.get("userinfo") or {})
    if "email" not in found or settings.SSO.groups_claim not in found:
        more = client().userinfo(token=token)
        if more.get("sub") == found.get("sub"):  # OIDC Core 5.3.2: same subject or ignore
            found = {**more, **found}
    return found


def issuer() -> str:
    return client().load_server_metadata().get("issuer") or settings.SSO.issuer


def logout_url(id_token: str, back: str) -> str | None:
    """The provider's end-session URL, or None when the provider offers none."""
    if not client().load_server_metadata().get("end_session_endpoint"):
        return None
    return client().create_logout_url(post_logout_redirect_uri=back, id_token_hint=id_token)["url"]
