"""Who may see the staff directory: anyone who holds a role (sales included)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q

from sunrelay.team.roles import is_staff_member


def staff_users():
    """People with a staff profile or a role, whether or not they are active."""
    return (
        get_user_model()
        .objects.filter(Q(staff_profile__isnull=False) | Q(staff_roles__isnull=False))
        .distinct()
    )


def visible_staff(user, queryset=None):
    queryset = staff_users() if queryset is None else queryset
    return queryset if is_staff_member(user) else queryset.none()
