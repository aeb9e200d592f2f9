"""The leadership report's targets page: everyone who reads the report sees the targets;
leads set, change and remove them (reports.leadership_targets). Shares are typed as
percentages here and kept as 0-1, as the figures are."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from sunrelay.reports import labels, leadership_targets, params
from sunrelay.reports.models import ReportTarget
from sunrelay.team.roles import is_lead
from sunrelay.web.access import desk_view


def _row(target: ReportTarget) -> dict:
    what = leadership_targets.TARGETABLE.get(target.key)
    return {
        "target": target,
        "label": what.label if what else target.key,
        "tier": labels.tier(target.tier) if target.tier else "Every tier",
        "words": leadership_targets.words(target),
    }


def _typed(key: str, text: str):
    """The value as typed: a percentage for a share."""
    what = leadership_targets.TARGETABLE.get(key)
    if what is None or what.unit != "share":
        return text
    try:
        return float(text) / 100
    except ValueError:
        return text


@desk_view
@require_http_methods(["GET", "POST"])
def targets_page(request: HttpRequest) -> HttpResponse:
    params.check_can_see_reports(request.user)
    can_edit = is_lead(request.user)
    error, status = "", 200
    form = {"key": "", "tier": "", "value": "", "direction": ""}
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied("Only leads set the report's targets.")
        if "remove" in request.POST:
            chosen = request.POST.get("remove", "")
            ReportTarget.objects.filter(pk=int(chosen) if chosen.isdigit() else 0).delete()
            messages.success(request, "Target removed.")
            return redirect("reports:leadership_targets")
        form = {k: request.POST.get(k, "").strip() for k in form}
        direction = {"at_least": True, "at_most": False}.get(form["direction"])
        try:
            leadership_targets.set_target(
                form["key"],
                form["tier"],
                _typed(form["key"], form["value"]),
                direction,
                request.user,
            )
        except ValueError as exc:
            error, status = str(exc), 400
        else:
            messages.success(request, "Target saved.")
            return redirect("reports:leadership_targets")
    context = {
        "rows": [_row(t) for t in ReportTarget.objects.select_related("updated_by")],
        "targetable": leadership_targets.TARGETABLE.values(),
        "tiers": [(t, labels.tier(t)) for t in leadership_targets.tiers()],
        "can_edit": can_edit,
        "error": error,
        "form": form,
    }
    return render(request, "reports/leadership_targets.html", context, status=status)
