"""The contact's portal pages: their tickets, a ticket's thread with a reply box, files, and
API tokens. Every page asks portal.access what the signed-in contact may see."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sunrelay.desk.models import Status
from sunrelay.lib.forms import apply_service_errors
from sunrelay.mail.attachments import download, served_content_type
from sunrelay.mail.replies import from_uploads
from sunrelay.portal import access, requests, tokens
from sunrelay.portal.forms import ReplyForm, TokenForm
from sunrelay.portal.models import ContactToken
from sunrelay.portal.session import contact_required

LISTED = 200


@require_GET
@contact_required
def home(request: HttpRequest) -> HttpResponse:
    contact = request.contact
    tickets = (
        access.portal_tickets(contact)
        .select_related("requester")
        .order_by("-updated_at", "-id")[:LISTED]
    )
    context = {
        "contact": contact,
        "tickets": tickets,
        "shared": access.shares_account_tickets(contact),
    }
    return render(request, "portal/home.html", context)


def _ticket_page(request: HttpRequest, ticket, form: ReplyForm, status: int = 200):
    context = {
        "contact": request.contact,
        "ticket": ticket,
        "thread": access.thread(ticket),
        "form": form,
        "closed": ticket.status == Status.CLOSED,
    }
    return render(request, "portal/ticket.html", context, status=status)


@require_GET
@contact_required
def ticket(request: HttpRequest, ticket_id: int) -> HttpResponse:
    found = get_object_or_404(access.portal_tickets(request.contact), pk=ticket_id)
    return _ticket_page(request, found, ReplyForm())


@require_POST
@contact_required
def reply(request: HttpRequest, ticket_id: int) -> HttpResponse:
    found = get_object_or_404(access.portal_tickets(request.contact), pk=ticket_id)
    form = ReplyForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            files = from_uploads(form.cleaned_data["attachments"])
            requests.write(request.contact, found, form.cleaned_data["body"], files)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            return redirect("portal:ticket", ticket_id=found.pk)
    return _ticket_page(request, found, form, status=422)


@require_GET
@contact_required
def attachment(request: HttpRequest, attachment_id: int) -> HttpResponse:
    item = get_object_or_404(access.portal_attachments(request.contact), pk=attachment_id)
    return download(bytes(item.data), item.filename, served_content_type(item.content_type))


@require_http_methods(["GET", "POST"])
@contact_required
def api_tokens(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    created = ""
    if request.method == "POST" and form.is_valid():
        _token, created = tokens.create_token(request.contact, form.cleaned_data["name"])
        form = TokenForm()
    context = {
        "contact": request.contact,
        "form": form,
        "created": created,
        "tokens": ContactToken.objects.filter(contact=request.contact),
    }
    return render(request, "portal/api_tokens.html", context, status=201 if created else 200)


@require_POST
@contact_required
def revoke_token(request: HttpRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(ContactToken, pk=token_id, contact=request.contact)
    tokens.revoke(token)
    return redirect("portal:api_tokens")
