"""The door with single sign-on: the log-in page (the "Sign in with …" button, the password
form while passwords are on), the trip to the provider and back, and logout that ends the
provider's session too when it offers an end-session endpoint. Who is let in: sso.people."""

from __future__ import annotations

import logging

from authlib.integrations.base_client import OAuthError
from django.conf import settings
from django.contrib import auth
from django.contrib.auth.views import LoginView
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST
from requests import RequestException

from sunrelay.sso import oidc
from sunrelay.sso.forms import PasswordLoginForm
from sunrelay.sso.people import SignInRefused, user_for

log = logging.getLogger(__name__)
NEXT = "sso_next"  # the session key keeping where to go after the provider
BACKEND = "sunrelay.sso.backends.PasswordBackend"  # loads the user on later requests


class Login(LoginView):
    template_name = "web/login.html"
    authentication_form = PasswordLoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(sso=settings.SSO, **kwargs)


def _refused(request: HttpRequest, words: str, status: int) -> HttpResponse:
    context = {"form": PasswordLoginForm(request), "sso": settings.SSO, "sso_error": words}
    return render(request, "web/login.html", context, status=status)


@require_GET
def begin(request: HttpRequest) -> HttpResponse:
    if not settings.SSO.oidc_enabled:
        raise Http404("Single sign-on is not set up here.")
    wanted = request.GET.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    request.session[NEXT] = wanted if safe else ""
    back = request.build_absolute_uri(reverse("sso:callback"))
    try:
        return oidc.client().authorize_redirect(request, back)
    except (RequestException, OAuthError, ValueError) as exc:
        log.warning("The identity provider's discovery failed: %s", type(exc).__name__)
        return _refused(request, "The identity provider cannot be reached: try again soon.", 502)


@require_GET
def callback(request: HttpRequest) -> HttpResponse:
    if not settings.SSO.oidc_enabled:
        raise Http404("Single sign-on is not set up here.")
    try:
        token = oidc.client().authorize_access_token(request)
        user = user_for(oidc.claims(token), oidc.issuer())
    except SignInRefused as exc:
        return _refused(request, str(exc), 403)
    except OAuthError as exc:
        # The error code only: descriptions may echo what the provider was sent.
        log.info("A single sign-on came back refused: %s", exc.error)
        return _refused(request, "The sign-in did not complete: please start it again.", 400)
    except RequestException as exc:
        log.warning("The identity provider cannot be reached: %s", type(exc).__name__)
        return _refused(request, "The identity provider cannot be reached: try again soon.", 502)
    wanted = request.session.pop(NEXT, "")
    auth.login(request, user, backend=BACKEND)  # a new session key: no fixation
    request.session[oidc.ID_TOKEN] = token.get("id_token", "")
    return redirect(wanted or settings.LOGIN_REDIRECT_URL)


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    id_token = request.session.get(oidc.ID_TOKEN)
    auth.logout(request)
    back = request.build_absolute_uri(settings.LOGOUT_REDIRECT_URL)
    if id_token and settings.SSO.oidc_enabled:
        try:
            url = oidc.logout_url(id_token, back)
        except (RequestException, OAuthError, ValueError):
            url = None  # ended here at least; the provider's session lapses on its own
        if url:
            # A page that moves on by itself, not a redirect: the log-out form's
            # Content-Security-Policy (form-action 'self') refuses a redirect elsewhere.
            context = {"url": url, "sso": settings.SSO}
            return render(request, "sso/provider_logout.html", context)
    return redirect(settings.LOGOUT_REDIRECT_URL)
