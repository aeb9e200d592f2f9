"""The deflection figure as one line, for the knowledge list (kb/article_list.html)."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import format_html

from sunrelay.portal.deflection import figure

register = template.Library()


@register.simple_tag
def deflection_line() -> str:
    d = figure()
    form = reverse("portal:new_request")
    if not d.shown:
        return format_html(
            '<p class="muted small deflection">Deflection: no visit of the <a href="{}">web '
            "form</a> was shown articles in the last {} days.</p>",
            form,
            d.days,
        )
    return format_html(
        '<p class="muted small deflection" title="Visits of the web form in the last {} days, '
        'counted once they began an hour ago">Deflection: {} of {} <a href="{}">web-form</a> '
        "visits shown suggested articles sent no request ({}), {} of them after opening one; "
        "{} visits in all, {} opened a ticket.</p>",
        d.days,
        d.deflected,
        d.shown,
        form,
        f"{d.rate:.0%}",
        d.opened,
        d.visits,
        d.tickets,
    )
