"""Template filters of the projects pages."""

from __future__ import annotations

from django import template

from sunrelay.projects.rollup import minutes_hm

register = template.Library()


@register.filter
def hm(minutes) -> str:
    """Whole minutes as hours and minutes, exact: 725 -> "12 h 5 min"."""
    return minutes_hm(minutes)
