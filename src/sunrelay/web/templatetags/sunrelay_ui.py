"""Small display helpers shared by the workspace's templates."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django import template
from django.utils import timezone

register = template.Library()


def humanize_duration(seconds: float) -> str:
    """A short, calm duration: "now", "12 min", "3 h", "2 d", "1 y"."""
    seconds = max(0, int(seconds))
    if seconds < 60:
        return "now"
    minutes = seconds // 60
    if minutes < 60:
        return f"{minutes} min"
    hours = minutes // 60
    if hours < 48:
        return f"{hours} h"
    days = hours // 24
    if days < 365:
        return f"{days} d"
    return f"{days // 365} y"


@register.filter
def since(value: datetime | None) -> str:
    if value is None:
        return ""
    return humanize_duration((timezone.now() - value).total_seconds())


@register.filter
def money(value: Decimal | int | float | None) -> str:
    """MRR as whole dollars with thousands separators: 16000 -> "$16,000"."""
    if value is None:
        return ""
    return f"${Decimal(value):,.0f}"


@register.filter
def short_money(value: Decimal | int | float | None) -> str:
    """Compact MRR for dense tables: 16000 -> "$16k", 950 -> "$950"."""
    if value is None:
        return ""
    amount = Decimal(value)
    if amount >= 1_000_000:
        return f"${amount / 1_000_000:.1f}M".replace(".0M", "M")
    if amount >= 10_000:
        return f"${amount / 1000:.0f}k"
    if amount >= 1000:
        return f"${amount / 1000:.1f}k".replace(".0k", "k")
    return f"${amount:.0f}"


@register.filter
def person(user) -> str:
    """A staff member's name as colleagues say it."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


@register.filter
def yearly(value: Decimal | int | float | None):
    """Monthly revenue as a year's: what "a $200,000/year customer" means."""
    if value is None:
        return None
    return Decimal(value) * 12


@register.filter
def thousands(value: int | None) -> str:
    """20000 -> "20,000"."""
    return "" if value is None else f"{value:,}"
