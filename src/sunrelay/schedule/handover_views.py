"""The lead's hand-over cap: how many tickets one person may hold for colleagues at once.
Everyone with a role sees it and who holds what; only a lead changes it (schedule.holds)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from sunrelay.lib.formatting import person
from sunrelay.lib.forms import apply_service_errors
from sunrelay.schedule import holds
from sunrelay.schedule.models import MAX_HANDOVER_CAP
from sunrelay.team.roles import is_lead
from sunrelay.web.access import desk_view


class HandoverCapForm(forms.Form):
    # Bounds are schedule.holds' rule; the widget only hints at them.
    handover_cap = forms.CharField(
        label="Tickets one person holds for colleagues at most",
        widget=forms.NumberInput(attrs={"min": 1, "max": MAX_HANDOVER_CAP}),
    )


@desk_view
@require_http_methods(["GET", "POST"])
def handoff_settings(request: HttpRequest) -> HttpResponse:
    row = holds.handover_settings()
    lead = is_lead(request.user)
    form = HandoverCapForm(initial={"handover_cap": row.handover_cap})
    status = 200
    if request.method == "POST":
        form = HandoverCapForm(request.POST)
        if form.is_valid():
            try:
                holds.set_handover_cap(request.user, form.cleaned_data["handover_cap"])
            except ValidationError as exc:
                apply_service_errors(form, exc)
        if not form.errors:
            cap = holds.per_person_cap()
            messages.success(request, f"Saved: each person holds at most {cap} for colleagues.")
            return redirect("schedule:handoff_settings")
        status = 422
    counts = holds.held_counts()
    users = get_user_model().objects.in_bulk(list(counts))
    holding = sorted(
        ((person(users[pk]), n) for pk, n in counts.items() if pk in users and n),
        key=lambda item: (-item[1], item[0]),
    )
    return render(
        request,
        "schedule/handoff_settings.html",
        {
            "here": "handoffs",
            "cap_settings": row,
            "form": form,
            "lead": lead,
            "holding": holding,
        },
        status=status,
    )
