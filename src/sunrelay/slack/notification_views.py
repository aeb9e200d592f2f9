"""Each person's page: which notifications also come as a Slack direct message."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from sunrelay.notify.models import Kind
from sunrelay.slack import direct_messages
from sunrelay.slack.client import installation
from sunrelay.web.access import desk_view


class DirectMessagesForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        choices=Kind.choices, required=False, widget=forms.CheckboxSelectMultiple,
        label="Also as a Slack direct message",
    )  # fmt: skip


@desk_view
@require_http_methods(["GET", "POST"])
def direct_messages_page(request: HttpRequest) -> HttpResponse:
    initial = {"kinds": sorted(direct_messages.chosen(request.user))}
    form = DirectMessagesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        direct_messages.save(request.user, form.cleaned_data["kinds"])
        messages.success(request, "Saved: the kinds ticked also come to you in Slack.")
        return redirect("slack_dm:choices")
    context = {
        "form": form,
        "here": "notifications",
        "email": request.user.email,
        "installed": bool(installation().bot_token),
    }
    return render(
        request, "slack/direct_messages.html", context, status=422 if form.errors else 200
    )
