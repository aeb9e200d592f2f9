"""Escalation policies and webhooks on the settings pages. Everyone reads them (webhook
addresses and secrets: leads only); a support lead changes them through paging.setup
(errors in place, 422)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sunrelay.lib.forms import apply_service_errors
from sunrelay.paging import setup
from sunrelay.paging.models import EscalationPolicy, EscalationStep, Webhook
from sunrelay.paging.settings_forms import PolicyForm, WebhookForm
from sunrelay.web.access import desk_view


def _policies():
    steps = EscalationStep.objects.select_related("rotation", "webhook").prefetch_related("people")
    return EscalationPolicy.objects.prefetch_related(
        Prefetch("steps", steps.order_by("position", "id"))
    )


@desk_view
@require_GET
def policy_list(request: HttpRequest) -> HttpResponse:
    context = {
        "policies": _policies(),
        "can_set_up": setup.can_set_up(request.user),
        "here": "escalation",
    }
    return render(request, "paging/settings_policies.html", context)


@desk_view
@require_http_methods(["GET", "POST"])
def policy_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    setup.check_can_set_up(request.user)
    policy = get_object_or_404(_policies(), pk=pk) if pk else None
    steps = len(policy.steps.all()) if policy else 0
    form = PolicyForm(request.POST or None, initial=PolicyForm.initial_for(policy), steps=steps)
    if request.method == "POST" and form.is_valid():
        try:
            saved = setup.save_policy(
                request.user,
                policy,
                steps=form.steps(),
                **{
                    k: form.cleaned_data[k]
                    for k in ("name", "description", "repeat_times", "is_default")
                },
            )
        except ValidationError as exc:
            apply_service_errors(form, exc, aliases={"steps": None})
        else:
            messages.success(request, f"Escalation policy {saved.name} saved.")
            return redirect("paging_settings:policies")
    context = {"form": form, "policy": policy, "here": "escalation"}
    status = 422 if form.errors else 200
    return render(request, "paging/settings_policy.html", context, status=status)


@desk_view
@require_GET
def webhook_list(request: HttpRequest) -> HttpResponse:
    context = {
        "webhooks": Webhook.objects.all(),
        "can_set_up": setup.can_set_up(request.user),
        "here": "webhooks",
    }
    return render(request, "paging/settings_webhooks.html", context)


@desk_view
@require_http_methods(["GET", "POST"])
def webhook_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    setup.check_can_set_up(request.user)
    webhook = get_object_or_404(Webhook, pk=pk) if pk else None
    form = WebhookForm(request.POST or None, initial=WebhookForm.initial_for(webhook))
    if request.method == "POST" and form.is_valid():
        try:
            saved = setup.save_webhook(request.user, webhook, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, f"Webhook {saved.name} saved.")
            return redirect("paging_settings:webhook", pk=saved.pk)
    context = {"form": form, "webhook": webhook, "here": "webhooks"}
    status = 422 if form.errors else 200
    return render(request, "paging/settings_webhook.html", context, status=status)


@desk_view
@require_POST
def webhook_secret(request: HttpRequest, pk: int) -> HttpResponse:
    webhook = get_object_or_404(Webhook, pk=pk)
    setup.new_webhook_secret(request.user, webhook)
    messages.success(request, "New secret: give it to the receiver, the old one no longer signs.")
    return redirect("paging_settings:webhook", pk=pk)


@desk_view
@require_POST
def webhook_delete(request: HttpRequest, pk: int) -> HttpResponse:
    webhook = get_object_or_404(Webhook, pk=pk)
    try:
        setup.delete_webhook(request.user, webhook)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("paging_settings:webhook", pk=pk)
    messages.success(request, f"Webhook {webhook.name} removed.")
    return redirect("paging_settings:webhooks")
