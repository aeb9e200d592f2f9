"""Customer engineering's pages: the account teams and capacity, the CE's account page, the
support requests' queue, and the two forms to support. Each write is one service call."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sunrelay.accounts.models import Account
from sunrelay.desk.models import Ticket
from sunrelay.desk.permissions import visible_tickets
from sunrelay.lib.forms import apply_service_errors
from sunrelay.success import access, account_page, cadence, forms_to_support, rituals, teams
from sunrelay.success.forms import (
    CadenceForm,
    ContextForm,
    DecisionForm,
    MeetingNotesForm,
    PairForm,
    RequestForm,
    TouchForm,
)
from sunrelay.success.models import RequestStatus, Ritual
from sunrelay.web.access import desk_view


def _page(request, template: str, context: dict, form=None) -> HttpResponse:
    status = 422 if form is not None and form.errors else 200
    return render(request, template, context, status=status)


@desk_view
@require_GET
def team_list(request: HttpRequest) -> HttpResponse:
    load = teams.capacity(request.user)
    shown = [a.pk for e in load.engineers for a in e.accounts] + [a.pk for a in load.unpaired]
    overdue = cadence.overdue_accounts(shown, timezone.localdate())
    return render(request, "success/teams.html", {"capacity": load, "overdue": overdue})


@desk_view
@require_GET
def account(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(access.team_accounts(request.user), pk=pk)
    return _account_page(request, row)


def _account_page(
    request, row, *, pair_form=None, cadence_form=None, touch_form=None
) -> HttpResponse:
    context = account_page.build(request.user, row, timezone.localdate())
    plan = context["cadence"]
    context["pair_form"] = pair_form or PairForm(initial={"ae": row.ae_id, "ce": row.ce_id})
    context["cadence_form"] = cadence_form or CadenceForm(
        initial={"every_days": plan.every_days, "next_touch": plan.next_touch}
    )
    context["touch_form"] = touch_form or TouchForm(initial={"on": timezone.localdate()})
    context["can_pair"] = access.can_pair(request.user)
    return _page(request, "success/account.html", context, pair_form or cadence_form or touch_form)


@desk_view
@require_POST
def pair(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(access.team_accounts(request.user), pk=pk)
    access.check_can_pair(request.user)
    form = PairForm(request.POST)
    if form.is_valid():
        try:
            data = form.cleaned_data
            changed = teams.pair(
                row, request.user, ae=data["ae"], ce=data["ce"], reason=data["reason"]
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, "Team changed." if changed else "Nothing changed.")
            return redirect("success:account", pk=row.pk)
    return _account_page(request, row, pair_form=form)


@desk_view
@require_POST
def set_cadence(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(access.team_accounts(request.user), pk=pk)
    form = CadenceForm(request.POST)
    if form.is_valid():
        try:
            cadence.set_cadence(row, request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, "Cadence saved.")
            return redirect("success:account", pk=row.pk)
    return _account_page(request, row, cadence_form=form)


@desk_view
@require_POST
def touch(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(access.team_accounts(request.user), pk=pk)
    form = TouchForm(request.POST)
    if form.is_valid():
        try:
            cadence.record_touch(
                row,
                request.user,
                form.cleaned_data["on"],
                kind=form.cleaned_data["kind"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            plan = cadence.plan_for(row, timezone.localdate())
            planned = f"{plan.next_touch:%-d %b %Y}" if plan.next_touch else "not planned"
            messages.success(request, f"Touch logged; the next one is planned for {planned}.")
            return redirect("success:account", pk=row.pk)
    return _account_page(request, row, touch_form=form)


def _from_query(request: HttpRequest):
    """The ticket (?ticket=) or account (?account=) a form starts from, if one was given."""
    ticket = account_row = None
    ticket_id = request.GET.get("ticket", "")
    if ticket_id.isdigit() and len(ticket_id) < 19:
        ticket = get_object_or_404(
            visible_tickets(request.user, Ticket.objects.all()), pk=ticket_id
        )
        account_row = ticket.account
    account_id = request.GET.get("account", "")
    if ticket is None and account_id.isdigit() and len(account_id) < 19:
        account_row = get_object_or_404(access.team_accounts(request.user), pk=account_id)
    return ticket, account_row


def _form_view(request, form_class, service, template: str, done):
    ticket, account_row = _from_query(request)
    initial = {
        "account": account_row,
        "customer_name": account_row.name if account_row else "",
        "issue_link": f"#{ticket.pk}" if ticket else "",
    }
    accounts = access.team_accounts(request.user, Account.objects.order_by("name"))
    form = form_class(request.POST or None, initial=initial, accounts=accounts)
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        chosen = values.pop("account")
        try:
            row = service(request.user, ticket=ticket, account=chosen, **values)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        except PermissionDenied as exc:  # an account not theirs: said on the form, input kept
            form.add_error("account", str(exc))
        else:
            return done(row)
    return _page(request, template, {"form": form, "ticket": ticket}, form)


@desk_view
@require_http_methods(["GET", "POST"])
def context_new(request: HttpRequest) -> HttpResponse:
    def done(note):
        messages.success(request, "Context saved for support.")
        if note.ticket_id:
            return redirect("desk:ticket", pk=note.ticket_id)
        return (
            redirect("success:account", pk=note.account_id)
            if note.account_id
            else redirect("success:teams")
        )

    template = "success/context_form.html"
    return _form_view(request, ContextForm, forms_to_support.add_context, template, done)


@desk_view
@require_http_methods(["GET", "POST"])
def request_new(request: HttpRequest) -> HttpResponse:
    def done(row):
        messages.success(request, "Request sent to the head of support.")
        return redirect("success:request", pk=row.pk)

    template = "success/request_form.html"
    return _form_view(request, RequestForm, forms_to_support.file_request, template, done)


@desk_view
@require_GET
def request_list(request: HttpRequest) -> HttpResponse:
    rows = access.visible_requests(request.user).select_related("requester", "account", "ticket")
    status = request.GET.get("status", "")
    if status in RequestStatus.values:
        rows = rows.filter(status=status)
    context = {"rows": list(rows[:200]), "status": status, "statuses": RequestStatus.choices}
    return render(request, "success/requests.html", context)


@desk_view
@require_http_methods(["GET", "POST"])
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(
        access.visible_requests(request.user).select_related("requester", "account", "ticket"),
        pk=pk,
    )
    form = DecisionForm(request.POST or None, initial={"status": row.status, "answer": row.answer})
    if request.method == "POST":
        access.check_can_decide(request.user)
        if form.is_valid():
            try:
                forms_to_support.decide(row, request.user, **form.cleaned_data)
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, f"Request marked {row.get_status_display().lower()}.")
                return redirect("success:request", pk=row.pk)
    context = {"row": row, "form": form, "can_decide": access.can_decide(request.user)}
    return _page(request, "success/request.html", context, form)


@desk_view
@require_http_methods(["GET", "POST"])
def ritual(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in Ritual.values:
        raise Http404("No such ritual.")
    today = timezone.localdate()
    form = MeetingNotesForm(request.POST or None)
    if request.method == "POST":
        access.check_can_write_notes(request.user)
        if form.is_valid():
            try:
                rituals.save_notes(kind, request.user, today, form.cleaned_data["notes"])
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, "Notes saved.")
                return redirect("success:ritual", kind=kind)
    context = {
        "kind": kind,
        "title": Ritual(kind).label,
        "agenda": rituals.agenda(kind, request.user),
        "meetings": list(rituals.past_meetings(kind)),
        "form": form,
        "can_write": access.can_write_notes(request.user),
        "rituals": Ritual.choices,
    }
    return _page(request, "success/ritual.html", context, form)
