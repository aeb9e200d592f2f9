"""The projects pages that read: the list and a project. Who sees what is projects.access."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from sunrelay.projects import access, rollup, sprints
from sunrelay.projects.forms import BudgetForm, ProjectForm, SprintForm, TimeForm
from sunrelay.projects.models import OPEN_STATUSES, TimeEntry
from sunrelay.web.access import desk_view


def listed(user):
    return access.visible_projects(user).select_related("owner")


@desk_view
@require_GET
def project_list(request: HttpRequest) -> HttpResponse:
    found = listed(request.user).prefetch_related("accounts")
    if request.GET.get("all") != "1":
        found = found.filter(status__in=OPEN_STATUSES)
    projects = list(found.order_by("impact", "name", "id"))
    spent = rollup.sums(TimeEntry.objects.filter(project__in=projects), "project")
    for project in projects:
        project.spent = spent.get(project.pk, 0)
        project.warning = rollup.project_warning(project, project.spent)
    return render(
        request,
        "projects/project_list.html",
        {"projects": projects, "may_work": access.works(request.user)},
    )


def project_context(request: HttpRequest, project, **extra) -> dict:
    user = request.user
    entries = access.visible_entries(user, TimeEntry.objects.filter(project=project))
    spent = rollup.total(TimeEntry.objects.filter(project=project))
    today = timezone.localdate()
    sprint_rows, outside = sprints.project_sprints(project, entries)
    return {
        "project": project,
        "sprints": sprint_rows,
        "outside_sprints": outside,
        "entries": list(entries.select_related("person", "ticket", "account")[:50]),
        "by_person": rollup.breakdown(entries, "person"),
        "spent": spent,
        "warning": rollup.project_warning(project, spent),
        "may_work": access.works(user),
        "may_lead": access.leads(user),
        "time_form": extra.pop("time_form", TimeForm(initial={"day": today})),
        "sprint_form": extra.pop("sprint_form", SprintForm()),
        "budget_form": extra.pop("budget_form", BudgetForm()),
        **extra,
    }


@desk_view
@require_GET
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(
        listed(request.user).prefetch_related("leads", "accounts", "tickets", "themes"), pk=pk
    )
    return render(request, "projects/project_detail.html", project_context(request, project))


def project_form_initial(project) -> dict:
    fields = {name: getattr(project, name) for name in ProjectForm.base_fields}
    for relation in ("leads", "accounts", "themes"):
        fields[relation] = list(getattr(project, relation).all())
    fields["tickets"] = ", ".join(str(pk) for pk in project.tickets.values_list("pk", flat=True))
    return fields
