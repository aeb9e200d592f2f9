"""Time off pages: log days away ahead with a coverage plan, change the plan, cancel.

Everyone with a role sees the team's time off (reasons only their own, or all for a lead;
of the coverage plans, sales see their own accounts and tickets);
writes go through team.services (which checks who may plan whose time off), desk.left_behind (the
plan for the work left behind) and mail.absence_notice (telling the customers).
"""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from sunrelay.accounts.models import Account
from sunrelay.accounts.permissions import visible_accounts
from sunrelay.desk import left_behind
from sunrelay.desk.permissions import visible_coverage, visible_tickets
from sunrelay.lib.formatting import person
from sunrelay.lib.forms import BoundedDateField, apply_service_errors
from sunrelay.mail.absence_notice import tell_customers
from sunrelay.sla.queues import urgency_order
from sunrelay.team import services
from sunrelay.team.models import Coverage, TimeOff
from sunrelay.team.roles import is_lead, ticket_workers, works_tickets
from sunrelay.web.access import desk_view

NO_COVER = "Nobody named: routing gives it to whoever is on shift"


def _person_field(**kwargs) -> forms.ModelChoiceField:
    field = forms.ModelChoiceField(queryset=ticket_workers(), **kwargs)
    field.label_from_instance = lambda u: person(u)
    return field


class TimeOffForm(forms.Form):
    user = forms.ModelChoiceField(queryset=None, label="Who", required=False)
    first_day = BoundedDateField(widget=forms.DateInput(attrs={"type": "date"}))
    last_day = BoundedDateField(widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(
        required=False, max_length=200, help_text="Optional; only you and the leads see it"
    )
    cover = forms.ModelChoiceField(queryset=None, required=False, label="Who covers the rest")

    def __init__(self, *args, lead: bool, me, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"] = _person_field(label="Who", required=False, empty_label="Me")
        self.fields["cover"] = _person_field(
            label="Who covers the rest", required=False, empty_label=NO_COVER
        )
        if not lead:
            del self.fields["user"]
            # Their own time off: never offered as their own cover (posted anyway, the
            # service says why in words).
            cover = self.fields["cover"]
            cover.widget.choices = [c for c in cover.choices if str(c[0]) != str(me.pk)]


def _visible_reason(viewer, time_off: TimeOff) -> bool:
    return time_off.user_id == viewer.pk or is_lead(viewer)


def _may_plan(viewer, time_off: TimeOff) -> bool:
    return works_tickets(viewer) and (time_off.user_id == viewer.pk or is_lead(viewer))


def _plan_words(rows) -> str:
    rest = [c for c in rows if c.account_id is None and c.ticket_id is None]
    accounts = sum(1 for c in rows if c.account_id)
    tickets = sum(1 for c in rows if c.ticket_id)
    parts = []
    if rest:
        name = person(rest[0].cover)
        parts.append(f"{name} covers the rest")
    if accounts:
        parts.append(f"{accounts} account{'s' if accounts != 1 else ''} with their own cover")
    if tickets:
        parts.append(f"{tickets} ticket{'s' if tickets != 1 else ''} with their own cover")
    return "; ".join(parts) or "No plan: routing gives their work to whoever is on shift"


@desk_view
@require_http_methods(["GET", "POST"])
def time_off(request: HttpRequest) -> HttpResponse:
    user = request.user
    lead = is_lead(user)
    form = None
    if request.method == "POST":
        if not works_tickets(user):
            services.check_can_plan(user, user)  # refused in words: a 403
        form = TimeOffForm(request.POST, lead=lead, me=user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                created = services.log_time_off(
                    user,
                    data.get("user") or user,
                    data["first_day"],
                    data["last_day"],
                    data["reason"],
                    cover=data["cover"],
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(
                    request, "Time off logged. Name covers for accounts and tickets below."
                )
                return redirect("team:plan", pk=created.pk)
    if form is None and works_tickets(user):
        form = TimeOffForm(lead=lead, me=user)
    since = timezone.now().date() - timedelta(days=1)
    rows = (
        TimeOff.objects.filter(last_day__gte=since)
        .select_related("user", "user__staff_profile")
        .prefetch_related(
            Prefetch("coverage", visible_coverage(user, Coverage.objects.select_related("cover")))
        )
        .order_by("first_day", "user__first_name", "id")
    )
    items = [
        {
            "t": t,
            "mine": t.user_id == user.pk,
            "reason": t.reason if _visible_reason(user, t) else "",
            "may_plan": _may_plan(user, t),
            "plan": _plan_words(list(t.coverage.all())),
            "days": (t.last_day - t.first_day).days + 1,
        }
        for t in rows
    ]
    return render(
        request,
        "team/time_off.html",
        {"here": "time_off", "form": form, "items": items, "lead": lead},
        status=422 if form is not None and form.errors else 200,
    )


def _people_choices(time_off: TimeOff, current: list[Coverage]):
    """Everyone a posted cover may name (the service refuses the wrong ones in words), and the
    choices offered: the candidates, plus a cover already in the plan who no longer is one
    (kept in sight, so saving says why rather than dropping them silently)."""
    people = list(ticket_workers())
    offered = services.cover_candidates(time_off.user, time_off.first_day, time_off.last_day)
    kept = {c.cover_id for c in current} - {u.pk for u in offered}
    offered += [u for u in people if u.pk in kept]
    return people, [("", NO_COVER)] + [(str(u.pk), person(u)) for u in offered]


@desk_view
@require_http_methods(["GET", "POST"])
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    time_off = get_object_or_404(TimeOff.objects.select_related("user"), pk=pk)
    away = time_off.user
    # Sales read the plan for their own accounts only; the people who plan see all of it.
    viewer = request.user
    tickets = list(
        visible_tickets(viewer, left_behind.open_tickets(away.pk))
        .select_related("account", "urgency")
        .order_by(*urgency_order(), "id")
    )
    accounts = list(
        visible_accounts(viewer, left_behind.accounts_to_cover(away.pk, tickets)).order_by(
            "-mrr", "name"
        )
    )
    for item in (*accounts, *tickets):
        kind = "account" if isinstance(item, Account) else "ticket"
        item.cover_key = f"{kind}-{item.pk}"  # the name of its cover's select
    current = list(time_off.coverage.all())
    people, choices = _people_choices(time_off, current)
    by_id = {str(u.pk): u for u in people}
    errors: list[str] = []
    if request.method == "POST":
        services.check_can_plan(request.user, away)  # refused in words: a 403

        def pick(name: str):
            value = request.POST.get(name, "")
            if value and value not in by_id:
                errors.append("A chosen colleague does not work tickets any more; pick again.")
            return by_id.get(value)

        rest = pick("cover")
        plan_accounts = {a: pick(f"account-{a.pk}") for a in accounts}
        plan_tickets = {t: pick(f"ticket-{t.pk}") for t in tickets}
        if not errors:
            try:
                left_behind.set_coverage(
                    request.user,
                    time_off,
                    rest=rest,
                    accounts={a: c for a, c in plan_accounts.items() if c},
                    tickets={t: c for t, c in plan_tickets.items() if c},
                )
            except ValidationError as exc:
                errors.extend(exc.messages)
            else:
                messages.success(request, "Coverage plan saved.")
                return redirect("team:time_off")
        chosen = {"cover": request.POST.get("cover", "")}
        chosen |= {k: v for k, v in request.POST.items() if k.startswith(("account-", "ticket-"))}
    else:
        chosen = {"cover": ""}
        for c in current:
            key = (
                f"account-{c.account_id}"
                if c.account_id
                else f"ticket-{c.ticket_id}"
                if c.ticket_id
                else "cover"
            )
            chosen[key] = str(c.cover_id)
    return render(
        request,
        "team/plan.html",
        {
            "here": "time_off",
            "t": time_off,
            "may_plan": _may_plan(request.user, time_off),
            "reason": time_off.reason if _visible_reason(request.user, time_off) else "",
            "choices": choices,
            "chosen": chosen,
            "accounts": accounts,
            "tickets": tickets,
            "errors": errors,
        },
        status=422 if errors else 200,
    )


@desk_view
@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    time_off = get_object_or_404(TimeOff.objects.select_related("user"), pk=pk)
    try:
        services.cancel_time_off(request.user, time_off)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Time off cancelled, with its coverage plan.")
    return redirect("team:time_off")


@desk_view
@require_POST
def tell(request: HttpRequest, pk: int) -> HttpResponse:
    time_off = get_object_or_404(TimeOff.objects.select_related("user"), pk=pk)
    try:
        queued = tell_customers(request.user, time_off)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{queued} customers will be told by e-mail (see the outbox).")
    return redirect("team:plan", pk=pk)
