"""Template helpers of the reports: whether the top bar shows the Reports link."""

from __future__ import annotations

from django import template

from sunrelay.team.roles import works_tickets

register = template.Library()


@register.filter
def can_see_reports(user) -> bool:
    return works_tickets(user)
