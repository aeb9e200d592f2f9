"""The projects pages that write. Each write is one call to projects.services; refused input
comes back with its errors in place (422), a refusal of who may as 403."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from sunrelay.desk.models import Ticket
from sunrelay.desk.permissions import visible_tickets
from sunrelay.lib.forms import apply_service_errors
from sunrelay.projects import access, services
from sunrelay.projects.forms import BudgetForm, ProjectForm, SprintForm, TimeForm
from sunrelay.projects.views import listed, project_context, project_form_initial
from sunrelay.web.access import desk_view


def _project(request: HttpRequest, pk: int):
    return get_object_or_404(listed(request.user), pk=pk)


def _tickets(request: HttpRequest):
    return visible_tickets(request.user, Ticket.objects.all())


def _back(project) -> HttpResponse:
    return redirect("projects:project", pk=project.pk)


def _again(request, project, **forms) -> HttpResponse:
    context = project_context(request, project, **forms)
    return render(request, "projects/project_detail.html", context, status=422)


def _warn(request, warnings: list[str]) -> None:
    for warning in warnings:
        messages.warning(request, warning)


@desk_view
@require_http_methods(["GET", "POST"])
def project_new(request: HttpRequest) -> HttpResponse:
    access.check_work(request.user)
    form = ProjectForm(
        request.POST or None, initial={"owner": request.user}, tickets=_tickets(request)
    )
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        try:
            project = services.create_project(
                request.user,
                owner=fields.pop("owner"),
                leads=fields.pop("leads"),
                accounts=fields.pop("accounts"),
                tickets=fields.pop("tickets"),
                themes=fields.pop("themes"),
                **fields,
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, f"Project {project.name} created.")
            return _back(project)
    status = 422 if form.errors else 200
    return render(request, "projects/project_form.html", {"form": form}, status=status)


@desk_view
@require_http_methods(["GET", "POST"])
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    access.check_work(request.user)
    form = ProjectForm(
        request.POST or None, initial=project_form_initial(project), tickets=_tickets(request)
    )
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        try:
            services.update_project(
                request.user, project, leads=fields.pop("leads"),
                accounts=fields.pop("accounts"), tickets=fields.pop("tickets"),
                themes=fields.pop("themes"), **fields,
            )  # fmt: skip
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, "Project saved.")
            return _back(project)
    status = 422 if form.errors else 200
    context = {"form": form, "project": project}
    return render(request, "projects/project_form.html", context, status=status)


@desk_view
@require_POST
def log_time(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    access.check_work(request.user)
    form = TimeForm(request.POST)
    if not form.is_valid():
        return _again(request, project, time_form=form)
    try:
        _entry, warnings = services.log_time(request.user, project=project, **form.cleaned_data)
    except ValidationError as exc:
        apply_service_errors(form, exc)
        return _again(request, project, time_form=form)
    messages.success(request, "Time logged.")
    _warn(request, warnings)
    return _back(project)


@desk_view
@require_POST
def add_sprint(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    access.check_work(request.user)
    form = SprintForm(request.POST)
    if form.is_valid():
        try:
            services.add_sprint(request.user, project, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
    if form.errors:
        return _again(request, project, sprint_form=form)
    messages.success(request, "Sprint planned.")
    return _back(project)


@desk_view
@require_POST
def sign_off(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    try:
        services.sign_off_support(request.user, project)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Support plan signed off.")
    return _back(project)


@desk_view
@require_POST
def budget(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    access.check_lead(request.user)
    form = BudgetForm(request.POST)
    if not form.is_valid():
        return _again(request, project, budget_form=form)
    services.set_project_budget(request.user, project, form.total())
    messages.success(request, "Budget set.")
    return _back(project)
