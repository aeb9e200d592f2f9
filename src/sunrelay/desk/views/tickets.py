"""The ticket page and its forms. Each write is one call to desk.services (a public reply goes
through mail.replies, which adds its files in the same transaction)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from sunrelay.desk import services, versions
from sunrelay.desk.models import UNSOLVED_STATUSES, EventKind, Status, Ticket
from sunrelay.desk.permissions import (
    can_note_ticket,
    can_work_ticket,
    check_can_note,
    check_can_work,
    visible_tickets,
)
from sunrelay.desk.views.collisions import BAD_VERSION, held, posted_version
from sunrelay.desk.views.forms import (
    CcForm,
    HandoffNoteForm,
    HandoffNowForm,
    NoteForm,
    PropertiesForm,
    ReplyForm,
    share_people,
)
from sunrelay.desk.views.history import history
from sunrelay.desk.views.sla import sla_context
from sunrelay.desk.views.thread import thread
from sunrelay.lib.formatting import person
from sunrelay.lib.forms import apply_service_errors
from sunrelay.mail.list_replies import goes_to_list
from sunrelay.mail.listposts import thread_of
from sunrelay.mail.replies import from_uploads, reply_with_files
from sunrelay.schedule import handoffs, holds, notes
from sunrelay.team.roles import desk_people, ticket_workers
from sunrelay.web.access import desk_view, is_htmx

OTHER_OPEN_SHOWN = 8


def _ticket(request: HttpRequest, pk: int) -> Ticket:
    """The ticket, if this user may see it; 404 otherwise (its existence is not confirmed)."""
    qs = Ticket.objects.select_related(
        "requester", "account", "account__ae", "account__ce", "assignee", "urgency"
    )
    return get_object_or_404(holds.with_hold(visible_tickets(request.user, qs)), pk=pk)


def _context(request, ticket: Ticket, **forms) -> dict:
    user = request.user
    editable = can_work_ticket(user, ticket) and ticket.status != Status.CLOSED
    # Sales leave a request to support on their accounts' tickets: the note form alone.
    can_note = can_note_ticket(user, ticket) and ticket.status != Status.CLOSED
    tag_names = sorted(ticket.tags.values_list("name", flat=True))
    events = list(ticket.events.select_related("actor_user", "actor_contact"))
    # The lists of people and the history's assignees: the desk's people, kept (team.roles).
    workers = desk_people().workers if editable else []
    known = {u.pk: u for u in workers}
    others = list(
        visible_tickets(user, Ticket.objects.filter(requester_id=ticket.requester_id))
        .filter(status__in=UNSOLVED_STATUSES)
        .exclude(pk=ticket.pk)
        .order_by("-updated_at")
        .only("id", "subject", "status", "priority", "updated_at")[: OTHER_OPEN_SHOWN + 1]
    )
    context = {
        "ticket": ticket,
        "editable": editable,
        "can_work": can_work_ticket(user, ticket),
        "can_note": can_note,
        "tag_names": tag_names,
        "thread": thread(ticket, user),
        "linked": _linked(events),
        "history": history(events, known),
        "other_open": others[:OTHER_OPEN_SHOWN],
        "more_open": len(others) > OTHER_OPEN_SHOWN,
        "notice": forms.pop("notice", ""),
        "ticket_panels": settings.TICKET_PANELS,
        "error": forms.pop("error", ""),
        "hold": holds.hold_of(ticket),
        "ccs": services.cc_contacts(ticket),
        # What the forms send back: the ticket as this page shows it (desk.versions).
        "version": forms.pop("version", None) or versions.version_of(events),
        "held": forms.pop("held", None),
        "list_thread": thread_of(ticket),
    }
    context.update(sla_context(ticket, can_work=editable, handoff_form=forms.get("handoff_form")))
    if can_note:
        context["note_form"] = forms.get("note_form") or NoteForm()
    if editable:
        listed = [(u.pk, person(u)) for u in workers]
        # The forms' own check of what is posted; their options are `listed` (share_people).
        checked_against = ticket_workers()
        to_list = context["list_thread"] is not None and goes_to_list(context["list_thread"])
        context["reply_form"] = forms.get("reply_form") or ReplyForm(
            initial=ReplyForm.initial_for(ticket, to_list=to_list)
        )
        context["properties_form"] = forms.get("properties_form") or PropertiesForm(
            initial=PropertiesForm.initial_for(ticket, tag_names), assignees=checked_against
        )
        share_people(context["properties_form"].fields["assignee"], listed)
        context["cc_form"] = forms.get("cc_form") or CcForm(
            initial={"cc_emails": ", ".join(c.email for c in context["ccs"])}
        )
        if ticket.assignee_id is not None and ticket.status in UNSOLVED_STATUSES:
            form = forms.get("handoff_now_form") or HandoffNowForm(people=checked_against)
            share_people(form.fields["to"], [p for p in listed if p[0] != ticket.assignee_id])
            context["handoff_now_form"] = form
    return context


def _linked(events) -> dict[str, list[int]]:
    """Tickets merged into this one and split off from it, read from its own log."""
    return {
        "merged_from": [e.new["ticket"] for e in events if e.kind == EventKind.MERGED_FROM],
        "split_off": [e.new["ticket"] for e in events if e.kind == EventKind.SPLIT_OFF],
    }


@desk_view
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = _ticket(request, pk)
    return render(request, "desk/ticket.html", _context(request, ticket))


def _saved(request: HttpRequest, ticket: Ticket, notice: str) -> HttpResponse:
    """After a write: htmx gets the refreshed workspace, a plain browser a redirect."""
    if is_htmx(request):
        ticket = _ticket(request, ticket.pk)  # re-read with its relations after the change
        return render(
            request, "desk/_ticket_workspace.html", _context(request, ticket, notice=notice)
        )
    messages.success(request, notice)
    return redirect("desk:ticket", pk=ticket.pk)


def _refused(request: HttpRequest, ticket: Ticket, form_name: str, form, held=None) -> HttpResponse:
    """Errors shown in place: the one form for htmx, the whole page otherwise; 422 both ways.
    A write `held` because the ticket changed since (desk.versions) answers 409, the form
    with what changed above it and the new version in it."""
    status = 409 if held else 422
    version = held.version if held else request.POST.get("version", "")
    if is_htmx(request):
        partials = {
            "reply_form": "desk/_reply_form.html",
            "note_form": "desk/_note_form.html",
            "properties_form": "desk/_properties_form.html",
            "cc_form": "desk/_cc_form.html",
            "handoff_form": "desk/_handoff_form.html",
            "handoff_now_form": "desk/_handoff_now_form.html",
        }
        response = render(
            request,
            partials[form_name],
            {
                "ticket": ticket,
                form_name: form,
                "can_work": can_work_ticket(request.user, ticket),
                "editable": True,
                "version": version,
                "held": held,
                "list_thread": thread_of(ticket),
            },
            status=status,
        )
        response["HX-Retarget"] = f"#{form_name.replace('_', '-')}"
        response["HX-Reswap"] = "outerHTML"
        return response
    ticket = _ticket(request, ticket.pk)
    extra = {form_name: form, "held": held, "version": version}
    return render(request, "desk/ticket.html", _context(request, ticket, **extra), status=status)


def _checked(request, ticket, form, form_name: str, action):
    """Run `action` unless the ticket changed since the form's version: the held answer
    then (409), with nothing sent. Service refusals become the form's errors."""
    try:
        versions.check(ticket, posted_version(request))
    except ValueError:
        form.add_error(None, BAD_VERSION)
        return None
    except versions.StaleVersion as exc:
        return _refused(request, ticket, form_name, form, held(form_name, exc))
    try:
        action()
    except ValidationError as exc:
        apply_service_errors(form, exc)
    return None


def _submit(request, ticket, form, form_name: str, action, saved_message: str) -> HttpResponse:
    """Validate a ticket-page form, run its service call, and answer with the errors in
    place (422), the write held (409), or the saved page."""
    if form.is_valid():
        answer = _checked(request, ticket, form, form_name, lambda: action(form.cleaned_data))
        if answer is not None:
            return answer
    if form.errors:
        return _refused(request, ticket, form_name, form)
    return _saved(request, ticket, saved_message)


@desk_view
@require_POST
def add_reply(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = _ticket(request, pk)
    check_can_work(request.user, ticket)
    form = ReplyForm(request.POST, request.FILES)
    return _submit(
        request,
        ticket,
        form,
        "reply_form",
        lambda data: reply_with_files(
            ticket,
            request.user,
            data["body"],
            from_uploads(data["attachments"]),
            status=data["status"] or None,
            to_list=form.to_list(),
            **form.solving(),
        ),
        "Public reply added: the customer can see it.",
    )


@desk_view
@require_POST
def add_note(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = _ticket(request, pk)
    check_can_note(request.user, ticket)
    return _submit(
        request,
        ticket,
        NoteForm(request.POST),
        "note_form",
        lambda data: services.note(ticket, request.user, data["body"]),
        "Internal note added: only staff can see it.",
    )


@desk_view
@require_POST
def update_properties(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = _ticket(request, pk)
    check_can_work(request.user, ticket)
    form = PropertiesForm(request.POST, assignees=ticket_workers())
    events = []

    def change() -> None:
        events.extend(services.update_ticket(ticket, request.user, **form.changes()))

    if form.is_valid():
        answer = _checked(request, ticket, form, "properties_form", change)
        if answer is not None:
            return answer
    if form.errors:
        return _refused(request, ticket, "properties_form", form)
    changed = ", ".join(sorted({e.get_kind_display().lower() for e in events}))
    return _saved(request, ticket, f"Saved: {changed}." if events else "Nothing changed.")


@desk_view
@require_POST
def update_ccs(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = _ticket(request, pk)
    check_can_work(request.user, ticket)
    return _submit(
        request,
        ticket,
        CcForm(request.POST),
        "cc_form",
        lambda data: services.set_cc_emails(
            ticket, request.user, services.split_addresses(data["cc_emails"])
        ),
        "CCs saved: they are copied on the next public reply.",
    )


@desk_view
@require_POST
def assign_to_me(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = _ticket(request, pk)
    check_can_work(request.user, ticket)
    try:
        events = services.update_ticket(ticket, request.user, assignee=request.user)
    except ValidationError as exc:
        return _failed(request, pk, " ".join(exc.messages))
    return _saved(request, ticket, "Assigned to you." if events else "Already yours.")


def _failed(request: HttpRequest, pk: int, error: str) -> HttpResponse:
    """A one-button action refused: the error above the workspace (422), or on the page."""
    if is_htmx(request):
        ticket = _ticket(request, pk)
        return render(
            request,
            "desk/_ticket_workspace.html",
            _context(request, ticket, error=error),
            status=422,
        )
    messages.error(request, error)
    return redirect("desk:ticket", pk=pk)


@desk_view
@require_POST
def add_handoff_note(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = _ticket(request, pk)
    check_can_work(request.user, ticket)
    return _submit(
        request,
        ticket,
        HandoffNoteForm(request.POST),
        "handoff_form",
        lambda data: notes.leave_note(ticket, request.user, data["text"]),
        "Hand-off note saved: the next region gets it with the ticket.",
    )


@desk_view
@require_POST
def hand_off_now(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = _ticket(request, pk)
    check_can_work(request.user, ticket)
    form = HandoffNowForm(request.POST, people=ticket_workers())
    done = None
    if form.is_valid():
        try:
            done = handoffs.hand_off_now(ticket, request.user, to=form.cleaned_data["to"])
        except ValidationError as exc:
            apply_service_errors(form, exc)
    if form.errors:
        return _refused(request, ticket, "handoff_now_form", form)
    back = timezone.localtime(done.until) if done.until else None
    until = f" until {back:%a} {back.day} {back:%b %H:%M}" if back else ""
    return _saved(
        request,
        ticket,
        f"Handed off: {person(done.to_user)} holds it for {person(done.owner)}{until}.",
    )


@desk_view
@require_POST
def take_back(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = _ticket(request, pk)
    try:
        handoffs.take_back(ticket, request.user)
    except ValidationError as exc:
        return _failed(request, pk, " ".join(exc.messages))
    return _saved(request, ticket, "Taken back: the ticket is yours again.")
