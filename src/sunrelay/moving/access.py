"""Who sees the import runs: leads (imports themselves run from the command line)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from sunrelay.team.roles import is_lead


def sees_imports(user) -> bool:
    return is_lead(user)


def check_imports(user) -> None:
    if not sees_imports(user):
        raise PermissionDenied("Import runs are for leads.")
