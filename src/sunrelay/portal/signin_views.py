"""Signing in to the portal and out again (the rules: portal.signin, portal.session)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods, require_POST

from sunrelay.portal import session, signin
from sunrelay.portal.forms import SignInForm
from sunrelay.portal.limits import RateLimited


def client_ip(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "")


@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    if request.method == "GET" and session.signed_in_contact(request) is not None:
        return redirect("portal:home")
    form = SignInForm(request.POST or None, initial={"email": request.GET.get("email", "")})
    status, sent = 200, False
    if request.method == "POST":
        if not form.is_valid():
            status = 422
        else:
            try:
                signin.request_link(form.cleaned_data["email"], client_ip(request))
                sent = True
            except RateLimited as exc:
                form.add_error(None, str(exc))
                status = 429
    context = {"form": form, "sent": sent, "minutes": settings.PORTAL_LINK_MINUTES}
    return render(request, "portal/sign_in.html", context, status=status)


@require_http_methods(["GET", "POST"])
def sign_in_link(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button; only its POST uses the link (mail scanners open links by
    themselves). The POST keeps Django's CSRF check: another site cannot sign a visitor in
    as someone else."""
    error, link = "", None
    try:
        if request.method == "POST":
            session.sign_in(request, signin.use_link(token))
            return redirect("portal:home")
        link = signin.check_link(token)
    except signin.BadLink as exc:
        error = str(exc)
    context = {"link": link, "error": error, "form": SignInForm()}
    response = render(request, "portal/sign_in_link.html", context, status=400 if error else 200)
    response["Referrer-Policy"] = "no-referrer"  # the token must not leak to other pages
    add_never_cache_headers(response)
    return response


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    session.sign_out(request)
    return redirect("portal:sign_in")
