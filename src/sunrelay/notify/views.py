"""The bell, the notifications page, a person's preferences and the note box's @completion."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sunrelay.notify import inbox, mentions, preferences
from sunrelay.notify.models import Kind
from sunrelay.web.access import desk_view

PAGE_SIZE = 50
IN_APP, BY_EMAIL = "app", "email"


@desk_view
@require_GET
def bell(request: HttpRequest) -> HttpResponse:
    """The top bar's bell with its unread count, polled by the page."""
    return render(request, "notify/_bell.html", {"unread": inbox.unread_count(request.user)})


@desk_view
@require_GET
def notifications(request: HttpRequest) -> HttpResponse:
    page = Paginator(inbox.of(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "notify/notifications.html",
        {"page": page, "unread": inbox.unread_count(request.user)},
    )


@desk_view
@require_GET
def open_notification(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one read and go to its ticket."""
    notification = get_object_or_404(inbox.of(request.user), pk=pk)
    inbox.mark_read(request.user, pk=notification.pk)
    return redirect("desk:ticket", pk=notification.ticket_id)


@desk_view
@require_POST
def read_all(request: HttpRequest) -> HttpResponse:
    done = inbox.mark_read(request.user)
    messages.success(
        request, f"{done} marked read." if done else "Nothing was unread.", fail_silently=True
    )
    return redirect("notify:list")


class PreferencesForm(forms.Form):
    """One choice per kind: in the app only, or in the app and by e-mail."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in Kind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=[(IN_APP, "In the app only"), (BY_EMAIL, "In the app and by e-mail")],
                widget=forms.RadioSelect,
            )

    def choices(self) -> dict[str, bool]:
        return {kind: value == BY_EMAIL for kind, value in self.cleaned_data.items()}


@desk_view
@require_http_methods(["GET", "POST"])
def preferences_page(request: HttpRequest) -> HttpResponse:
    current = preferences.by_email(request.user)
    initial = {kind: BY_EMAIL if email else IN_APP for kind, email in current.items()}
    form = PreferencesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        preferences.save(request.user, form.choices())
        messages.success(request, "Saved: you hear of each kind as chosen.")
        return redirect("notify:preferences")
    context = {"form": form, "here": "notifications", "email": request.user.email}
    return render(request, "notify/preferences.html", context, status=422 if form.errors else 200)


@desk_view
@require_GET
def mention_suggestions(request: HttpRequest) -> JsonResponse:
    """Staff whose name starts with ?q= (without the @; empty: anyone), for the note box:
    up to 8."""
    prefix = request.GET.get("q", "")[:60].lstrip("@")
    return JsonResponse({"people": mentions.suggestions(prefix, mentions.staff_members())})
