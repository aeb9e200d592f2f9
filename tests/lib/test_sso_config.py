"""Single sign-on's settings read from the environment, and their problems in words."""

from __future__ import annotations

import pytest

from sunrelay.lib.env import ConfigError
from sunrelay.lib.sso_config import parse_group_roles, sso


def test_it_maps_groups_to_roles_one_group_to_several():
    mapping = parse_group_roles("support-engineers=support, leads=lead,leads=support,a=b=lead")
    assert mapping == {
        "support-engineers": ("support",),
        "leads": ("lead", "support"),
        "a=b": ("lead",),
    }


@pytest.mark.parametrize("raw", ["leads", "=lead", "leads="])
def test_a_pair_without_both_sides_is_refused(raw):
    with pytest.raises(ConfigError, match="is not group=role"):
        parse_group_roles(raw)


def test_defaults_need_nothing(monkeypatch):
    errors: list[str] = []
    config = sso(errors)
    assert errors == []
    assert not config.oidc_enabled and config.password_login
    assert config.password_allowed("anyone")


def test_its_problems_are_named(monkeypatch):
    monkeypatch.setenv("SUNRELAY_OIDC_ISSUER", "id.example.test")
    monkeypatch.setenv("SUNRELAY_OIDC_SCOPES", "email")
    monkeypatch.setenv("SUNRELAY_SCIM_TOKEN", "short")
    monkeypatch.setenv("SUNRELAY_OIDC_GROUP_ROLES", "leads")
    monkeypatch.setenv("SUNRELAY_PASSWORD_LOGIN", "maybe")
    errors: list[str] = []
    sso(errors)
    assert any("must be a URL" in e for e in errors)
    assert any("go together" in e for e in errors)
    assert any("must include openid" in e for e in errors)
    assert any("shorter than 32" in e for e in errors)
    assert any("is not group=role" in e for e in errors)
    assert any("SUNRELAY_PASSWORD_LOGIN must be true or false" in e for e in errors)


def test_passwords_off_without_a_provider_would_lock_everyone_out(monkeypatch):
    monkeypatch.setenv("SUNRELAY_PASSWORD_LOGIN", "off")
    monkeypatch.setenv("SUNRELAY_BREAK_GLASS_USERS", "root, admin")
    errors: list[str] = []
    config = sso(errors)
    assert any("needs single sign-on" in e for e in errors)
    assert config.password_allowed("root") and not config.password_allowed("alba")
