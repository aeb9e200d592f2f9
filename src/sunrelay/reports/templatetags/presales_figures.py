"""How the pre-sales figures read on their page (reports.presales)."""

from __future__ import annotations

from django import template

from sunrelay.reports import wording

register = template.Library()


@register.filter
def of(value: int, total: int) -> str:
    """ "7 of 9, 78 %"; "—" with no population."""
    if not total:
        return "—"
    return f"{value} of {total}, {wording.percent(value, total)}"


@register.filter
def minutes(value: float | None) -> str:
    return "—" if value is None else wording.duration(value)
