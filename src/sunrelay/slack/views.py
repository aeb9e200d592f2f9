"""The Slack settings page (support leads and admins): the credentials (shown only by their
last characters), the ticket reaction, the shared channels and their accounts, the check of
the token, and the latest requests Slack sent with what became of them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from sunrelay.lib.forms import apply_service_errors
from sunrelay.slack import setup, team_questions
from sunrelay.slack.client import installation, masked
from sunrelay.slack.forms import ChannelForm, InstallForm
from sunrelay.slack.models import OutgoingCall, RawEvent, SharedChannel, TeamQuestion
from sunrelay.web.access import desk_view


def _page(request, install_form=None, channel_form=None, status=200) -> HttpResponse:
    row = installation()
    context = {
        "install": row,
        "token": masked(row.bot_token),
        "secret": masked(row.signing_secret),
        "install_form": install_form
        or InstallForm(
            initial={"ticket_reaction": row.ticket_reaction, "team_channel": row.team_channel}
        ),  # fmt: skip
        "channel_form": channel_form or ChannelForm(),
        "channels": SharedChannel.objects.select_related("account"),
        "events": RawEvent.objects.all()[:20],
        "questions": TeamQuestion.objects.select_related("asked_by", "first_answer_by")[:10],
        "question_figures": team_questions.by_period(timezone.now()),
        "calls": OutgoingCall.objects.all()[:20],
        "events_url": request.build_absolute_uri("/slack/events/"),
        "interactions_url": request.build_absolute_uri("/slack/interactions/"),
    }
    return render(request, "slack/settings.html", context, status=status)


@desk_view
@require_GET
def settings_page(request: HttpRequest) -> HttpResponse:
    setup.check_lead(request.user)
    return _page(request)


@desk_view
@require_POST
def save_install(request: HttpRequest) -> HttpResponse:
    setup.check_lead(request.user)
    form = InstallForm(request.POST)
    if form.is_valid():
        try:
            setup.save(request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
    if form.errors:
        return _page(request, install_form=form, status=422)
    messages.success(request, "Saved. Check the token to see that Slack accepts it.")
    return redirect("slack:settings")


@desk_view
@require_POST
def check(request: HttpRequest) -> HttpResponse:
    setup.check_lead(request.user)
    ok, words = setup.verify()
    (messages.success if ok else messages.error)(request, words)
    return redirect("slack:settings")


@desk_view
@require_POST
def add_channel(request: HttpRequest) -> HttpResponse:
    setup.check_lead(request.user)
    form = ChannelForm(request.POST)
    if form.is_valid():
        try:
            channel = setup.map_channel(request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
    if form.errors:
        return _page(request, channel_form=form, status=422)
    messages.success(request, f"{channel} is {channel.account}'s shared channel.")
    return redirect("slack:settings")


@desk_view
@require_POST
def remove_channel(request: HttpRequest, pk: int) -> HttpResponse:
    setup.check_lead(request.user)
    channel = get_object_or_404(SharedChannel, pk=pk)
    setup.unmap_channel(request.user, channel)
    messages.success(request, f"{channel} removed; its tickets stay.")
    return redirect("slack:settings")
