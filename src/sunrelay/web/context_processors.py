from __future__ import annotations

from django.utils.functional import SimpleLazyObject

from sunrelay.team.roles import is_lead, works_tickets
from sunrelay.web.clocks import region_clocks, zone_city


def workspace(request) -> dict:
    """The top bar's data on desk pages; computed only when a template reads it."""
    profile = getattr(request, "staff_profile", False)
    if profile is False:  # not a desk page
        return {}
    zone = profile.time_zone if profile else "UTC"
    return {
        "my_zone": zone,
        "my_city": (profile.location if profile else "") or zone_city(zone),
        "region_clocks": SimpleLazyObject(lambda: region_clocks(zone)),
        # What the navigation and the pages offer (roles are read once per request).
        "i_work_tickets": works_tickets(request.user),
        "i_lead": is_lead(request.user),
    }
