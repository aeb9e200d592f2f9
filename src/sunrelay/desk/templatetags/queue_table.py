"""The queue table's rows, written in Python (desk/views/rows.py says why)."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from sunrelay.desk.views.rows import row_html

register = template.Library()


@register.simple_tag
def queue_rows(rows, selectable, selected) -> SafeString:
    """`selectable`: the page offers bulk changes (checkboxes); `selected`: the ids ticked."""
    return mark_safe(  # noqa: S308 - row_html escapes every text it writes
        "".join(row_html(t, selectable=bool(selectable), checked=t.pk in selected) for t in rows)
    )
