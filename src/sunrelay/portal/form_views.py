"""The public web form (embeddable in other sites' pages), its article suggestions, and the
confirmation link e-mailed to visitors who are not signed in.

The form is exempt from Django's CSRF check on purpose: inside another site's iframe the
browser withholds our cookies (SameSite), so a CSRF cookie could never match and the form
would always fail. What CSRF protects against cannot happen here:
- a visitor who is not signed in only ever stores a request that waits until the owner of the
  address confirms it by e-mail: a forged post opens nothing;
- a signed-in contact's request opens a ticket at once only when the form's signed token was
  drawn for that contact on our own page (portal.formtoken), which another site can neither
  read nor forge;
- robots meet a honeypot field, a signed time check and rate limits per address and network.
Framing is allowed for this page only, to the origins in SUNRELAY_PORTAL_FRAME_ANCESTORS.
"""

from __future__ import annotations

from contextlib import suppress

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from sunrelay.kb.models import Article, Visibility
from sunrelay.lib.forms import apply_service_errors
from sunrelay.mail.replies import from_uploads
from sunrelay.portal import deflection, formtoken, webform
from sunrelay.portal.forms import WebForm
from sunrelay.portal.limits import RateLimited
from sunrelay.portal.requests import NewRequest
from sunrelay.portal.session import signed_in_contact
from sunrelay.portal.signin_views import client_ip


def frame_ancestors() -> str:
    return " ".join(["'self'", *settings.PORTAL_FRAME_ANCESTORS])


def _framable(response: HttpResponse) -> HttpResponse:
    response["Content-Security-Policy"] = f"frame-ancestors {frame_ancestors()}"
    add_never_cache_headers(response)
    return response


def _send(request: HttpRequest, form: WebForm, contact) -> tuple[webform.Sent | None, int]:
    """Check and send a bound, valid form; errors go onto the form."""
    data = form.cleaned_data
    try:
        token = formtoken.read(data["form_token"])
        webform.check_honeypot(data["website"])
        formtoken.check_timing(token)
        new = NewRequest(
            subject=data["subject"],
            body=data["description"],
            urgency=data["urgency"],
            area=data["area"],
            files=from_uploads(data["attachments"]),
        )
        sent = webform.send(
            new,
            token=token,
            contact=contact,
            email=data.get("email", ""),
            name=data.get("name", ""),
            ip=client_ip(request),
        )
    except formtoken.BadForm as exc:
        form.add_error(None, str(exc))
        if exc.redraw:
            # A new token, the text kept: the next send can pass.
            form.data = form.data.copy()
            form.data["form_token"] = formtoken.issue(contact)
        return None, 422
    except ValidationError as exc:
        apply_service_errors(form, exc, {"body": "description", "product_area": "area"})
        return None, 422
    except RateLimited as exc:
        form.add_error(None, str(exc))
        return None, 429
    return sent, 200


@csrf_exempt
@xframe_options_exempt
@require_http_methods(["GET", "POST"])
def new_request(request: HttpRequest) -> HttpResponse:
    contact = signed_in_contact(request)
    embed = request.GET.get("embed") == "1"
    sent, status = None, 200
    if request.method == "POST":
        if contact is not None and _drawn_for(request.POST) != contact.pk:
            contact = None  # drawn before signing in: it asked for an address, confirm by mail
        form = WebForm(request.POST, request.FILES, signed_in=contact is not None)
        if form.is_valid():
            sent, status = _send(request, form, contact)
        else:
            status = 422
    else:
        form = WebForm(
            initial={"form_token": formtoken.issue(contact)}, signed_in=contact is not None
        )
    context = {"form": form, "contact": contact, "sent": sent, "embed": embed}
    return _framable(render(request, "portal/new_request.html", context, status=status))


def _drawn_for(data) -> int | None:
    try:
        return formtoken.read(data.get("form_token", "")).contact_id
    except formtoken.BadForm:
        return None


@require_GET
def suggest(request: HttpRequest) -> HttpResponse:
    """The articles for what is typed (an htmx fragment under the subject)."""
    subject = request.GET.get("subject", "")[:500]
    found = deflection.suggestions(subject, request.GET.get("description", "")[:5000])
    raw = request.GET.get("form_token", "")
    try:
        token = formtoken.read(raw) if subject.strip() else None
    except formtoken.BadForm:
        token = None
    if token is not None:
        deflection.record_shown(token, len(found), client_ip(request))
    context = {"articles": found, "form_token": raw if token else ""}
    return render(request, "portal/_suggestions.html", context)


@require_GET
def read_article(request: HttpRequest, slug: str) -> HttpResponse:
    """A suggested article opened from the form: counted for its visit, then shown."""
    article = get_object_or_404(Article, slug=slug, visibility=Visibility.PUBLIC)
    # Opened without a form's token: shown all the same, counted nowhere.
    with suppress(formtoken.BadForm):
        deflection.record_opened(formtoken.read(request.GET.get("t", "")))
    return redirect("help:article", slug=article.slug)


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows the request and a button; only the POST opens the ticket (mail scanners
    open links by themselves)."""
    error, waiting, ticket = "", None, None
    try:
        if request.method == "POST":
            ticket = webform.confirm(token)
        waiting = webform.waiting_request(token)
        ticket = ticket or waiting.ticket
    except webform.BadLink as exc:
        error = str(exc)
    context = {"waiting": waiting, "ticket": ticket, "error": error}
    response = render(request, "portal/confirm.html", context, status=400 if error else 200)
    response["Referrer-Policy"] = "no-referrer"
    add_never_cache_headers(response)
    return response
