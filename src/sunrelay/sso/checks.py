"""Plain-words checks of the single sign-on settings, for `sunrelay check` and `sunrelay
serve`: the group mapping names roles that exist (lib/sso_config reads it before the apps
are loaded, so it cannot know the roles)."""

from __future__ import annotations

from django.conf import settings

from sunrelay.team.models import Role


def sso_findings() -> list[tuple[str, str]]:
    """(level, text) pairs; level "error" stops the server."""
    wrong = sorted(
        {role for roles in settings.SSO.group_roles.values() for role in roles} - set(Role.values)
    )
    if not wrong:
        return []
    return [
        (
            "error",
            f"SUNRELAY_OIDC_GROUP_ROLES names {', '.join(wrong)}: not a role "
            f"(roles: {', '.join(Role.values)}).",
        )
    ]
