"""Creating and editing accounts and contacts from the desk. Each write is one call to
accounts.services; refused input comes back with its errors in place (422)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from sunrelay.accounts import services
from sunrelay.accounts.forms import AccountForm, ContactForm
from sunrelay.accounts.permissions import (
    can_change_team,
    check_can_edit,
    visible_accounts,
    visible_contacts,
)
from sunrelay.lib.forms import apply_service_errors
from sunrelay.web.access import desk_view


def _form_page(request, template: str, form, **context) -> HttpResponse:
    status = 422 if form.errors else 200
    return render(request, template, {"form": form, **context}, status=status)


@desk_view
@require_http_methods(["GET", "POST"])
def account_new(request: HttpRequest) -> HttpResponse:
    check_can_edit(request.user)
    form = AccountForm(request.POST or None, initial={"tier": "free", "mrr": 0, "time_zone": "UTC"})
    if request.method == "POST" and form.is_valid():
        try:
            account = services.create_account(actor=request.user, **form.values())
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, f"Account {account.name} created.")
            return redirect("accounts:account", pk=account.pk)
    return _form_page(request, "accounts/account_form.html", form, account=None)


@desk_view
@require_http_methods(["GET", "POST"])
def account_edit(request: HttpRequest, pk: int) -> HttpResponse:
    account = get_object_or_404(visible_accounts(request.user), pk=pk)
    check_can_edit(request.user)
    form = AccountForm(
        request.POST or None,
        initial=AccountForm.initial_for(account),
        team_locked=not can_change_team(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_account(account, request.user, **form.values(changed_only=True))
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(
                request,
                f"Saved {account.name}." if form.changed_data else "Nothing changed.",
            )
            return redirect("accounts:account", pk=account.pk)
    return _form_page(request, "accounts/account_form.html", form, account=account)


@desk_view
@require_http_methods(["GET", "POST"])
def contact_new(request: HttpRequest) -> HttpResponse:
    check_can_edit(request.user)
    initial = {"skill": "intermediate"}
    account_id = request.GET.get("account", "")
    if account_id.isdigit():
        initial["account"] = int(account_id)
    form = ContactForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            values = dict(form.cleaned_data)
            if values["account"] is None:
                del values["account"]  # the account owning the e-mail's domain, if any
            contact = services.create_contact(actor=request.user, **values)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, f"Contact {contact} created.")
            return redirect("accounts:contact", pk=contact.pk)
    return _form_page(request, "accounts/contact_form.html", form, contact=None)


@desk_view
@require_http_methods(["GET", "POST"])
def contact_edit(request: HttpRequest, pk: int) -> HttpResponse:
    contact = get_object_or_404(visible_contacts(request.user), pk=pk)
    check_can_edit(request.user)
    form = ContactForm(request.POST or None, initial=ContactForm.initial_for(contact))
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        try:
            services.update_contact(contact, request.user, **changes)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, f"Saved {contact}." if changes else "Nothing changed.")
            return redirect("accounts:contact", pk=contact.pk)
    return _form_page(request, "accounts/contact_form.html", form, contact=contact)
