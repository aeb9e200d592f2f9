"""The settings hub: where each part of the daily administration is done, without /admin/.
The pages themselves belong to their apps (sla, team, schedule, paging, api)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from sunrelay.web.access import desk_view


@desk_view
@require_GET
def settings_home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/settings.html", {"here": "home"})


@desk_view
@require_http_methods(["GET", "POST"])
def password(request: HttpRequest) -> HttpResponse:
    """Change one's own password (Django's form and validators); the session stays logged in."""
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)
        messages.success(request, "Password changed.")
        return redirect("settings:home")
    status = 422 if form.errors else 200
    return render(request, "web/password.html", {"form": form, "here": "home"}, status=status)
