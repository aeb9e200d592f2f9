"""Personal API tokens on the settings pages: each person creates and revokes their own
(api.tokens, as the `sunrelay token` command does). A new token is shown once, on the page
that created it, and never stored in clear or put in the session."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from sunrelay.api.models import ApiToken
from sunrelay.api.tokens import create_token, revoke_own
from sunrelay.web.access import desk_view


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=100,
        required=False,
        label="What it is for",
        help_text="e.g. CI import, my laptop's scripts",
    )


def _page(request, form, new_token: str = "", status: int = 200) -> HttpResponse:
    context = {
        "form": form,
        "tokens": ApiToken.objects.filter(user=request.user),
        "new_token": new_token,
        "here": "tokens",
    }
    response = render(request, "api/tokens.html", context, status=status)
    if new_token:
        response["Cache-Control"] = "no-store"  # the page holds the token in clear
    return response


@desk_view
@require_GET
def token_list(request: HttpRequest) -> HttpResponse:
    return _page(request, TokenForm())


@desk_view
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=422)
    _token, raw = create_token(request.user, form.cleaned_data["name"])
    return _page(request, TokenForm(), new_token=raw, status=201)


@desk_view
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = revoke_own(request.user, pk)
    if token is None:
        raise Http404("No such token of yours.")
    messages.success(request, f"Token {token.prefix}… revoked: it no longer works.")
    return redirect("tokens:list")
