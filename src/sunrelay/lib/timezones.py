from __future__ import annotations

import zoneinfo
from functools import cache

from django.core.exceptions import ValidationError


@cache
def known_time_zones() -> frozenset[str]:
    # Region/City names only: the database also carries legacy names (CET, EST5EDT, US/Eastern
    # is fine but EST is a fixed offset that ignores DST) that mislead people who pick them.
    return frozenset(
        name
        for name in zoneinfo.available_timezones()
        if "/" in name and not name.startswith("Etc/")
    ) | {"UTC"}


def validate_time_zone(value: str) -> None:
    """Accept IANA names only ("Europe/Madrid"); abbreviations like CET are ambiguous."""
    if value not in known_time_zones():
        raise ValidationError(
            "%(value)s is not an IANA time zone name such as Europe/Madrid or America/New_York.",
            params={"value": value},
        )
