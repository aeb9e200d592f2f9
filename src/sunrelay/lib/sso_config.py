"""Single sign-on's settings (docs/sso.md, docs/configuration.md), read from the environment:
the OpenID Connect provider, the group claim's mapping to roles, whether passwords still open
the door, and the SCIM token. Kept apart from settings.py so that it reads as one decision;
the client secret and the SCIM token are never logged."""

from __future__ import annotations

from dataclasses import dataclass, field

from sunrelay.lib.env import ConfigError, envbool, envlist, envstr

MIN_TOKEN = 32  # characters of the SCIM token: a bearer secret on the open internet


@dataclass(frozen=True)
class SsoConfig:
    issuer: str = ""  # the provider's issuer URL; discovery reads ISSUER/.well-known/...
    client_id: str = ""
    client_secret: str = field(default="", repr=False)
    scopes: str = "openid email profile"
    provider_name: str = "single sign-on"  # the log-in button says "Sign in with …"
    groups_claim: str = "groups"
    # Addresses count as verified when the provider sends no email_verified (Entra).
    trust_emails: bool = False
    group_roles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    password_login: bool = True
    break_glass: tuple[str, ...] = ()
    scim_token: str = field(default="", repr=False)

    @property
    def oidc_enabled(self) -> bool:
        return bool(self.issuer and self.client_id)

    def password_allowed(self, username: str) -> bool:
        """Whether a password may open this user name's door (the break-glass names always)."""
        return self.password_login or username in self.break_glass


def parse_group_roles(raw: str) -> dict[str, tuple[str, ...]]:
    """ "support-engineers=support,leads=lead,leads=support" → group: roles. Raises ConfigError."""
    mapping: dict[str, list[str]] = {}
    for part in (p.strip() for p in raw.split(",")):
        if not part:
            continue
        group, sep, role = part.rpartition("=")
        if not sep or not group.strip() or not role.strip():
            raise ConfigError(
                f"SUNRELAY_OIDC_GROUP_ROLES: {part!r} is not group=role "
                "(e.g. support-engineers=support,leads=lead)."
            )
        mapping.setdefault(group.strip(), []).append(role.strip())
    return {group: tuple(dict.fromkeys(roles)) for group, roles in mapping.items()}


def sso(errors: list[str]) -> SsoConfig:
    """The settings; problems are appended to `errors` in words."""
    try:
        group_roles = parse_group_roles(envstr("SUNRELAY_OIDC_GROUP_ROLES", ""))
    except ConfigError as exc:
        errors.append(str(exc))
        group_roles = {}
    flags = {}
    for name, default in (("SUNRELAY_PASSWORD_LOGIN", True), ("SUNRELAY_OIDC_TRUST_EMAILS", False)):
        try:
            flags[name] = envbool(name, default)
        except ConfigError as exc:
            errors.append(str(exc))
            flags[name] = default
    password_login = flags["SUNRELAY_PASSWORD_LOGIN"]
    config = SsoConfig(
        issuer=envstr("SUNRELAY_OIDC_ISSUER", "").rstrip("/"),
        client_id=envstr("SUNRELAY_OIDC_CLIENT_ID", ""),
        client_secret=envstr("SUNRELAY_OIDC_CLIENT_SECRET", ""),
        scopes=envstr("SUNRELAY_OIDC_SCOPES", "openid email profile"),
        provider_name=envstr("SUNRELAY_OIDC_PROVIDER_NAME", "single sign-on"),
        groups_claim=envstr("SUNRELAY_OIDC_GROUPS_CLAIM", "groups"),
        trust_emails=flags["SUNRELAY_OIDC_TRUST_EMAILS"],
        group_roles=group_roles,
        password_login=password_login,
        break_glass=tuple(envlist("SUNRELAY_BREAK_GLASS_USERS", [])),
        scim_token=envstr("SUNRELAY_SCIM_TOKEN", ""),
    )
    if config.issuer and not config.issuer.startswith(("https://", "http://")):
        errors.append("SUNRELAY_OIDC_ISSUER must be a URL such as https://id.example.com.")
    if bool(config.issuer) != bool(config.client_id):
        errors.append("SUNRELAY_OIDC_ISSUER and SUNRELAY_OIDC_CLIENT_ID go together: set both.")
    if "openid" not in config.scopes.split():
        errors.append("SUNRELAY_OIDC_SCOPES must include openid.")
    if not password_login and not config.oidc_enabled:
        errors.append(
            "SUNRELAY_PASSWORD_LOGIN=off needs single sign-on (SUNRELAY_OIDC_ISSUER): "
            "nobody but the break-glass users could log in."
        )
    if config.scim_token and len(config.scim_token) < MIN_TOKEN:
        errors.append(f"SUNRELAY_SCIM_TOKEN is shorter than {MIN_TOKEN} characters.")
    return config
