"""Setting up rotations on the settings pages: rotations, their layers, who takes turns and
when a layer covers. Everyone reads; a support lead changes them through
schedule.rotations.setup (errors in place, 422). Overrides stay on the rotation's own page."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sunrelay.lib.forms import apply_service_errors
from sunrelay.lib.timezones import known_time_zones
from sunrelay.schedule.rotations import setup
from sunrelay.schedule.rotations.models import Layer, Rotation
from sunrelay.schedule.rotations.settings_forms import LayerForm, RotationForm
from sunrelay.web.access import desk_view

LAYER_ALIASES = {"participants": None, "restrictions": None}


def _layers():
    return Layer.objects.prefetch_related("participants__user", "restrictions")


@desk_view
@require_GET
def rotation_list(request: HttpRequest) -> HttpResponse:
    rotations = Rotation.objects.prefetch_related("layers__participants__user")
    context = {
        "rotations": rotations,
        "can_set_up": setup.can_set_up(request.user),
        "here": "rotations",
    }
    return render(request, "schedule/rotations/settings_list.html", context)


@desk_view
@require_http_methods(["GET", "POST"])
def rotation_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    setup.check_can_set_up(request.user)
    rotation = get_object_or_404(Rotation, pk=pk) if pk else None
    form = RotationForm(request.POST or None, initial=RotationForm.initial_for(rotation))
    if request.method == "POST" and form.is_valid():
        try:
            saved = setup.save_rotation(request.user, rotation, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, f"Rotation {saved.name} saved.")
            return redirect("rotation_settings:rotation", pk=saved.pk)
    context = {
        "form": form,
        "rotation": rotation,
        "layers": _layers().filter(rotation=rotation) if rotation else [],
        "here": "rotations",
    }
    status = 422 if form.errors else 200
    return render(request, "schedule/rotations/settings_rotation.html", context, status=status)


def _zone(rotation: Rotation, layer: Layer | None) -> ZoneInfo:
    return ZoneInfo((layer.time_zone if layer else "") or rotation.time_zone)


@desk_view
@require_http_methods(["GET", "POST"])
def layer_edit(request: HttpRequest, pk: int, layer_pk: int | None = None) -> HttpResponse:
    setup.check_can_set_up(request.user)
    rotation = get_object_or_404(Rotation, pk=pk)
    layer = get_object_or_404(_layers(), pk=layer_pk, rotation=rotation) if layer_pk else None
    turns = layer.participants.count() if layer else 0
    highest = rotation.layers.aggregate(top=Max("position"))["top"] or 0
    initial = LayerForm.initial_for(layer, highest + 1, _zone(rotation, layer))
    form = LayerForm(request.POST or None, initial=initial, turns=turns)
    if request.method == "POST":
        with timezone.override(_typed_zone(request, rotation)):
            valid = form.is_valid()
        if valid:
            try:
                setup.save_layer(request.user, rotation, layer, **form.values())
            except ValidationError as exc:
                apply_service_errors(form, exc, aliases=LAYER_ALIASES)
            else:
                messages.success(request, "Layer saved: the rotation's timeline follows it.")
                return redirect("rotation_settings:rotation", pk=rotation.pk)
    context = {"form": form, "rotation": rotation, "layer": layer, "here": "rotations"}
    status = 422 if form.errors else 200
    return render(request, "schedule/rotations/settings_layer.html", context, status=status)


def _typed_zone(request: HttpRequest, rotation: Rotation) -> ZoneInfo:
    """The zone the layer's end is typed in: the layer's own as posted, else the rotation's."""
    asked = request.POST.get("time_zone", "").strip()
    return ZoneInfo(asked if asked in known_time_zones() else rotation.time_zone)


@desk_view
@require_POST
def layer_delete(request: HttpRequest, pk: int, layer_pk: int) -> HttpResponse:
    layer = get_object_or_404(Layer, pk=layer_pk, rotation_id=pk)
    setup.delete_layer(request.user, layer)
    messages.success(request, f"{layer} removed.")
    return redirect("rotation_settings:rotation", pk=pk)
