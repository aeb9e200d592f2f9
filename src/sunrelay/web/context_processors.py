from __future__ import annotations

from django.utils.functional import SimpleLazyObject

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
    }
