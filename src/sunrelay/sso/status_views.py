"""The single sign-on page for leads: how the door is set up (provider, password log-in,
SCIM) and the people who came in through it, newest first."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sunrelay.sso.models import Identity
from sunrelay.team.roles import is_lead
from sunrelay.web.access import desk_view

SHOWN = 200  # people on the page; the people pages list everyone


@desk_view
@require_GET
def status(request: HttpRequest) -> HttpResponse:
    if not is_lead(request.user):
        raise PermissionDenied("Only a support lead sees how single sign-on is set up.")
    identities = (
        Identity.objects.select_related("user")
        .prefetch_related("user__staff_roles")
        .order_by("-created_at", "-id")[:SHOWN]
    )
    context = {
        "sso": settings.SSO,
        "identities": identities,
        "group_roles": sorted(settings.SSO.group_roles.items()),
    }
    return render(request, "sso/status.html", context)
