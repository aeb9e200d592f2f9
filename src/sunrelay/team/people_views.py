"""The people pages of the settings: who works here, their roles, place and working week.
Everyone with a role reads them; a lead adds people and changes roles; each person keeps
their own working week (team.people says who may do what)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sunrelay.lib.formatting import person
from sunrelay.lib.forms import apply_service_errors
from sunrelay.lib.weekly import WEEKDAY_NAMES, format_day
from sunrelay.team import people
from sunrelay.team.models import Role, StaffProfile, StaffRole
from sunrelay.team.people_forms import NewPersonForm, PersonForm, WorkingWeekForm
from sunrelay.team.permissions import staff_users, visible_staff
from sunrelay.web.access import desk_view

ROLE_LABELS = dict(Role.choices)
WEEK_ALIASES = {"week": None}


def _week_words(profile) -> str:
    if profile is None:
        return ""
    days: dict[int, list] = {}
    for row in profile.working_hours.all():
        days.setdefault(row.weekday, []).append((row.start, row.end))
    return "; ".join(f"{WEEKDAY_NAMES[d][:3]} {format_day(sorted(days[d]))}" for d in sorted(days))


def _profile(user):
    return StaffProfile.objects.filter(user=user).prefetch_related("working_hours").first()


@desk_view
@require_GET
def person_list(request: HttpRequest) -> HttpResponse:
    users = (
        visible_staff(request.user, staff_users())
        .select_related("staff_profile")
        .prefetch_related(
            "staff_profile__working_hours",
            Prefetch("staff_roles", StaffRole.objects.order_by("role")),
        )
        .order_by("-is_active", "first_name", "last_name", "username")
    )
    rows = []
    for user in users:
        profile = getattr(user, "staff_profile", None)
        rows.append(
            {
                "user": user,
                "roles": ", ".join(ROLE_LABELS.get(r.role, r.role) for r in user.staff_roles.all()),
                "profile": profile,
                "week": _week_words(profile),
            }
        )
    context = {"rows": rows, "can_manage": people.can_manage(request.user), "here": "people"}
    return render(request, "team/people.html", context)


def _person_page(request, user, person_form=None, week_form=None, status=200) -> HttpResponse:
    profile = _profile(user)
    roles = set(StaffRole.objects.filter(user=user).values_list("role", flat=True))
    manage = people.can_manage(request.user)
    edit_week = people.can_edit_week(request.user, user)
    context = {
        "person": user,
        "name": person(user),
        "profile": profile,
        "role_names": [ROLE_LABELS[r] for r in Role.values if r in roles],
        "week": _week_words(profile),
        "person_form": (person_form or PersonForm(initial=PersonForm.initial_for(user, roles)))
        if manage
        else None,
        "week_form": (week_form or WorkingWeekForm(initial=WorkingWeekForm.initial_for(profile)))
        if edit_week
        else None,
        "here": "people",
    }
    return render(request, "team/person.html", context, status=status)


def _staff(request, pk: int):
    return get_object_or_404(visible_staff(request.user, staff_users()), pk=pk)


@desk_view
@require_GET
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _person_page(request, _staff(request, pk))


@desk_view
@require_POST
def person_update(request: HttpRequest, pk: int) -> HttpResponse:
    user = _staff(request, pk)
    people.check_can_manage(request.user)
    form = PersonForm(request.POST)
    if form.is_valid():
        try:
            people.update_person(request.user, user, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
    if form.errors:
        user.refresh_from_db()
        return _person_page(request, user, person_form=form, status=422)
    messages.success(request, f"Saved {person(user)}.")
    return redirect("people:detail", pk=user.pk)


@desk_view
@require_POST
def week_update(request: HttpRequest, pk: int) -> HttpResponse:
    user = _staff(request, pk)
    people.check_can_edit_week(request.user, user)
    form = WorkingWeekForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            people.save_working_week(
                request.user,
                user,
                location=data["location"],
                time_zone=data["time_zone"],
                support_levels=data["support_levels"],
                week=form.week(),
            )
        except ValidationError as exc:
            apply_service_errors(form, exc, aliases=WEEK_ALIASES)
    if form.errors:
        return _person_page(request, user, week_form=form, status=422)
    messages.success(request, f"Saved {person(user)}'s working week: routing follows it now.")
    return redirect("people:detail", pk=user.pk)


@desk_view
@require_http_methods(["GET", "POST"])
def person_new(request: HttpRequest) -> HttpResponse:
    people.check_can_manage(request.user)
    form = NewPersonForm(request.POST or None, initial={"time_zone": "UTC"})
    if request.method == "POST" and form.is_valid():
        try:
            user = people.add_person(request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, f"{person(user)} can log in now. Set their working week.")
            return redirect("people:detail", pk=user.pk)
    status = 422 if form.errors else 200
    return render(request, "team/person_new.html", {"form": form, "here": "people"}, status=status)
