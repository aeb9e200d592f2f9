"""`sunrelay check` (Django's checks) names a group mapped to a role that does not exist."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, register

from sunrelay.team.models import Role


@register()
def group_roles_exist(app_configs, **kwargs):
    wrong = sorted(
        {role for roles in settings.SSO.group_roles.values() for role in roles} - set(Role.values)
    )
    if not wrong:
        return []
    return [
        Error(
            f"SUNRELAY_OIDC_GROUP_ROLES names {', '.join(wrong)}: not a role "
            f"(roles: {', '.join(Role.values)}).",
            id="sso.E001",
        )
    ]
