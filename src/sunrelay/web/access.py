"""The door of the workspace: who may open a desk page, and in which time zone they see it."""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.http import urlencode

from sunrelay.team.models import StaffProfile
from sunrelay.team.roles import is_staff_member


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _login_redirect(request: HttpRequest) -> HttpResponse:
    if is_htmx(request):
        # A fragment request after the session ended: send the whole page to the log-in form,
        # not a log-in form swapped into a panel.
        response = HttpResponse(status=204)
        back = request.headers.get("HX-Current-URL") or request.get_full_path()
        response["HX-Redirect"] = f"{settings.LOGIN_URL}?{urlencode({'next': back})}"
        return response
    return redirect_to_login(request.get_full_path())


def desk_view(view):
    """Log-in required; anyone with a role may enter (what they see is each view's business).

    Renders the request in the user's own time zone (StaffProfile.time_zone), and leaves the
    profile on request.staff_profile for the top bar.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return _login_redirect(request)
        if not is_staff_member(request.user):
            raise PermissionDenied(
                "Your log-in has no role in Sunrelay yet. Ask a support lead to give you one."
            )
        request.staff_profile = StaffProfile.objects.filter(user=request.user).first()
        zone = request.staff_profile.time_zone if request.staff_profile else "UTC"
        timezone.activate(zone)
        try:
            return view(request, *args, **kwargs)
        finally:
            timezone.deactivate()

    return wrapper
