"""The feedback pages that write. Each write is one call to a feedback service; refused input
comes back with its errors in place (422), a refusal of who may as 403."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from sunrelay.feedback import access, imports, notices, services, shares, suggestions
from sunrelay.feedback.forms import (
    CaptureForm,
    ImportForm,
    LinkForm,
    NoticeForm,
    StatusForm,
    ThemeForm,
)
from sunrelay.feedback.models import ShareLink, ShippedNotice, Source, Suggestion
from sunrelay.feedback.views import items_context, theme_context
from sunrelay.lib.forms import apply_service_errors
from sunrelay.web.access import desk_view


@desk_view
@require_POST
def capture(request: HttpRequest) -> HttpResponse:
    access.check_curate(request.user)
    form = CaptureForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        source = Source.CE_NOTE if data.pop("from_note") else Source.DESK
        try:
            services.capture(request.user, source=source, **data)
        except ValidationError as exc:
            apply_service_errors(form, exc, {"contact_id": None})
        else:
            messages.success(request, "Feedback captured.")
            return redirect("feedback:items")
    context = items_context(request, capture_form=form)
    return render(request, "feedback/items.html", context, status=422)


@desk_view
@require_POST
def import_items(request: HttpRequest) -> HttpResponse:
    access.check_curate(request.user)
    form = ImportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            text = form.cleaned_data["file"].read().decode("utf-8-sig")
            count = imports.import_csv(request.user, text)
        except UnicodeDecodeError:
            form.add_error("file", "The file is not UTF-8 text.")
        except ValidationError as exc:
            form.add_error("file", exc.messages)
        else:
            messages.success(request, f"{count} feedback items imported.")
            return redirect("feedback:items")
    context = items_context(request, import_form=form)
    return render(request, "feedback/items.html", context, status=422)


@desk_view
@require_POST
def new_theme(request: HttpRequest) -> HttpResponse:
    access.check_curate(request.user)
    form = ThemeForm(request.POST)
    if form.is_valid():
        try:
            made = services.create_theme(request.user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            return redirect("feedback:theme", pk=made.pk)
    else:
        messages.error(request, "Name the theme.")
    return redirect("feedback:themes")


@desk_view
@require_POST
def link(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(access.visible_items(request.user), pk=pk)
    access.check_curate(request.user)
    form = LinkForm(request.POST)
    if form.is_valid():
        services.link(request.user, item, form.cleaned_data["theme"])
        messages.success(request, "Theme saved.")
    else:
        messages.error(request, "There is no such theme.")
    return redirect("feedback:items")


@desk_view
@require_POST
def status(request: HttpRequest, pk: int) -> HttpResponse:
    theme = get_object_or_404(access.visible_themes(request.user), pk=pk)
    access.check_curate(request.user)
    form = StatusForm(request.POST)
    if form.is_valid():
        services.set_status(request.user, theme, form.cleaned_data["status"])
        messages.success(request, f"{theme.name}: {form.cleaned_data['status']}.")
    return redirect("feedback:theme", pk=theme.pk)


@desk_view
@require_POST
def send_notice(request: HttpRequest, pk: int) -> HttpResponse:
    notice = get_object_or_404(ShippedNotice, theme__pk=pk)
    access.check_lead(request.user)
    form = NoticeForm(request.POST)
    if form.is_valid():
        try:
            count = notices.send(request.user, notice, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, f"Notice queued for {count} contacts.")
            return redirect("feedback:theme", pk=pk)
    context = theme_context(request, pk, notice_form=form)
    return render(request, "feedback/theme.html", context, status=422)


@desk_view
@require_POST
def refresh(request: HttpRequest) -> HttpResponse:
    access.check_curate(request.user)
    count = suggestions.refresh()
    messages.success(request, f"{count} suggestions.")
    return redirect("feedback:suggestions")


@desk_view
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    access.check_curate(request.user)
    suggestion = get_object_or_404(Suggestion, pk=pk)
    try:
        if request.POST.get("decision") == "accept":
            suggestions.accept(request.user, suggestion)
        else:
            suggestions.reject(request.user, suggestion)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("feedback:suggestions")


@desk_view
@require_POST
def share(request: HttpRequest) -> HttpResponse:
    shares.make(request.user)
    return redirect("feedback:themes")


@desk_view
@require_POST
def unshare(request: HttpRequest, pk: int) -> HttpResponse:
    access.check_lead(request.user)
    shares.revoke(request.user, get_object_or_404(ShareLink, pk=pk))
    return redirect("feedback:themes")
