"""Small display helpers shared by the workspace's templates. The formatting itself is
sunrelay.lib.formatting's, which views and e-mails call directly."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from django import template
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from sunrelay.lib import formatting
from sunrelay.lib.timezones import known_time_zones

register = template.Library()

register.filter("money", formatting.money)
register.filter("short_money", formatting.short_money)
register.filter("person", formatting.person)
register.filter("yearly", formatting.yearly)
register.filter("thousands", formatting.thousands)
register.filter("utc_offset", formatting.utc_offset)
register.filter("short_subject", formatting.short_subject)


@register.filter
def since(value: datetime | None) -> str:
    if value is None:
        return ""
    return formatting.humanize_duration((timezone.now() - value).total_seconds())


@register.filter
def time_until(value: datetime | None) -> str:
    """How long until `value`, precisely: "2 h 10 min" (see duration_hm)."""
    if value is None:
        return ""
    return formatting.duration_hm((value - timezone.now()).total_seconds())


@register.filter
def get_item(mapping, key):
    """mapping[key] in a template (None when missing)."""
    return mapping.get(key) if mapping else None


@register.simple_tag
def time_zone_names() -> list[str]:
    """Every IANA time zone name offered in a time-zone field (web/_time_zones.html)."""
    return sorted(known_time_zones())


@register.filter
def pick_fields(form, names: str = ""):
    """The bound fields of `form` named in `names` (separated by spaces), in that order; all
    of them when `names` is empty."""
    if not names:
        return list(form)
    return [form[name] for name in names.split()]


@register.simple_tag
def workspace_nav(here, works_tickets, leads, sees_reports) -> SafeString:
    """The top bar's navigation: its links depend only on the app shown and three roles, so
    each of the few combinations is drawn once per process (some 40 links: a millisecond or
    two of every page otherwise)."""
    return _workspace_nav(here or "", bool(works_tickets), bool(leads), bool(sees_reports))


@lru_cache(maxsize=256)
def _workspace_nav(here: str, works_tickets: bool, leads: bool, sees_reports: bool) -> SafeString:
    context = {"here": here, "i_work_tickets": works_tickets, "i_lead": leads}
    html = render_to_string("web/_workspace_nav.html", {**context, "reports": sees_reports})
    return mark_safe(html.strip())  # noqa: S308 - a template's output, escaped by it
