"""The qualification checklist's desk page: everyone who may see opportunities reads it; the
lead adds, renames, reorders and switches items off (presales.checklist_setup decides)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from sunrelay.lib.forms import apply_service_errors
from sunrelay.presales import checklist_setup
from sunrelay.presales.forms import ChecklistItemForm
from sunrelay.presales.models import QualificationItem
from sunrelay.team.roles import is_lead, roles_of
from sunrelay.web.access import desk_view

ALIASES = {"help": "help_text"}


def _check_may_read(user) -> None:
    # As the opportunities: anyone with a role (sales see the checklist they confirm).
    if not (roles_of(user) or is_lead(user)):
        raise PermissionDenied("The checklist is for the team.")


def _page(request: HttpRequest, form=None, failed=None, status=200) -> HttpResponse:
    items = list(QualificationItem.objects.order_by("position", "key"))
    lead = is_lead(request.user)
    for item in items:
        item.form = (
            failed
            if failed is not None and failed.item_pk == item.pk
            else ChecklistItemForm(
                initial={"label": item.label, "help_text": item.help, "active": item.active},
                prefix=f"item{item.pk}",
            )
        )
    context = {"items": items, "may_configure": lead, "form": form or ChecklistItemForm()}
    return render(request, "presales/checklist.html", context, status=status)


@desk_view
@require_http_methods(["GET", "POST"])
def checklist(request: HttpRequest) -> HttpResponse:
    """GET: the list. POST: the lead adds an item."""
    _check_may_read(request.user)
    if request.method == "GET":
        return _page(request)
    form = ChecklistItemForm(request.POST)
    if form.is_valid():
        try:
            added = checklist_setup.add_item(
                request.user, form.cleaned_data["label"], form.cleaned_data["help_text"]
            )
        except ValidationError as exc:
            apply_service_errors(form, exc, ALIASES)
        else:
            messages.success(request, f"“{added.label}” is on the checklist.")
            return redirect("presales:checklist")
    if not is_lead(request.user):
        raise PermissionDenied("Only a lead sets up the qualification checklist.")
    return _page(request, form=form, status=422)


@desk_view
@require_POST
def checklist_item(request: HttpRequest, pk: int) -> HttpResponse:
    """The lead renames an item, re-explains it, switches it off or on."""
    _check_may_read(request.user)
    item = get_object_or_404(QualificationItem, pk=pk)
    form = ChecklistItemForm(request.POST, prefix=f"item{item.pk}")
    form.item_pk = item.pk
    if form.is_valid():
        data = form.cleaned_data
        try:
            checklist_setup.change_item(
                request.user,
                item,
                label=data["label"],
                help_text=data["help_text"],
                active=data["active"],
            )
        except ValidationError as exc:
            apply_service_errors(form, exc, ALIASES)
        else:
            messages.success(request, f"“{item.label}” saved.")
            return redirect("presales:checklist")
    if not is_lead(request.user):
        raise PermissionDenied("Only a lead sets up the qualification checklist.")
    return _page(request, failed=form, status=422)


@desk_view
@require_POST
def checklist_move(request: HttpRequest, pk: int) -> HttpResponse:
    """The lead moves an item one place up or down (`step` -1 or 1)."""
    _check_may_read(request.user)
    item = get_object_or_404(QualificationItem, pk=pk)
    step = {"up": -1, "down": 1}.get(request.POST.get("direction", ""), 0)
    try:
        checklist_setup.move_item(request.user, item, step)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("presales:checklist")
