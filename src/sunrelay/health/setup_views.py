"""The lead's set-up pages: a scorecard (name, active, bands) with its measures, one measure
(source, window, thresholds, weight), one alert rule. Each write is one call to
health.setup; its refusals come back in place (422)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from sunrelay.health import access, setup
from sunrelay.health.forms import AlertRuleForm, MeasureForm, ScorecardForm
from sunrelay.health.models import AlertRule, Measure, Scorecard
from sunrelay.lib.forms import apply_service_errors
from sunrelay.web.access import desk_view


def _saved(request: HttpRequest, form, save) -> bool:
    """Parse `form` and hand its instance to `save`; True when saved."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        save(request.user, form.instance)
    except ValidationError as exc:
        apply_service_errors(form, exc)
        return False
    return True


def _render(request: HttpRequest, template: str, form, **context) -> HttpResponse:
    status = 422 if form.errors else 200
    return render(request, template, {"form": form, **context}, status=status)


@desk_view
@require_http_methods(["GET", "POST"])
def scorecard(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """A new scorecard (no pk) or one to change, with its measures listed."""
    access.check_can_set_up(request.user)
    card = get_object_or_404(Scorecard, pk=pk) if pk is not None else Scorecard()
    title = card.name  # as saved: the form writes what was typed onto the card
    form = ScorecardForm(request.POST or None, instance=card)
    if _saved(request, form, setup.save_scorecard):
        messages.success(request, f"Scorecard “{card.name}” saved.")
        return redirect("health:scorecard", pk=card.pk)
    measures = list(card.measures.all()) if card.pk else []
    context = {"card": card, "title": title, "measures": measures}
    return _render(request, "health/scorecard_form.html", form, **context)


@desk_view
@require_http_methods(["GET", "POST"])
def measure_new(request: HttpRequest, card_pk: int) -> HttpResponse:
    access.check_can_set_up(request.user)
    card = get_object_or_404(Scorecard, pk=card_pk)
    form = MeasureForm(request.POST or None, instance=Measure(scorecard=card))
    if _saved(request, form, setup.save_measure):
        messages.success(request, f"Measure “{form.instance.label}” added.")
        return redirect("health:scorecard", pk=card.pk)
    return _render(request, "health/measure_form.html", form, card=card, measure=None)


@desk_view
@require_http_methods(["GET", "POST"])
def measure(request: HttpRequest, pk: int) -> HttpResponse:
    access.check_can_set_up(request.user)
    found = get_object_or_404(Measure.objects.select_related("scorecard"), pk=pk)
    title = found.label
    form = MeasureForm(request.POST or None, instance=found)
    if _saved(request, form, setup.save_measure):
        messages.success(request, f"Measure “{found.label}” saved.")
        return redirect("health:scorecard", pk=found.scorecard_id)
    context = {"card": found.scorecard, "measure": found, "title": title}
    return _render(request, "health/measure_form.html", form, **context)


@desk_view
@require_POST
def measure_remove(request: HttpRequest, pk: int) -> HttpResponse:
    access.check_can_set_up(request.user)
    found = get_object_or_404(Measure, pk=pk)
    setup.remove_measure(request.user, found)
    messages.success(request, f"Measure “{found.label}” removed.")
    return redirect("health:scorecard", pk=found.scorecard_id)


@desk_view
@require_http_methods(["GET", "POST"])
def rule(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """A new alert rule (no pk) or one to change or switch off."""
    access.check_can_set_up(request.user)
    found = get_object_or_404(AlertRule, pk=pk) if pk is not None else AlertRule()
    title = str(found) if found.pk else ""
    form = AlertRuleForm(request.POST or None, instance=found)
    if _saved(request, form, setup.save_rule):
        messages.success(request, f"Alert rule “{found}” saved.")
        return redirect("health:scorecards")
    return _render(request, "health/rule_form.html", form, rule=found, title=title)
