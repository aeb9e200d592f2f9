"""`sunrelay check` names a group mapped to a role that does not exist."""

from __future__ import annotations

import pytest

from sunrelay.web.configcheck import findings
from tests.sso.provider.running import config


@pytest.mark.django_db
def test_a_mapping_to_an_unknown_role_stops_the_server(settings):
    settings.SSO = config("https://id.example.test", group_roles={"ops": ("support", "boss")})
    errors = [f.text for f in findings() if f.level == "error"]
    assert any("SUNRELAY_OIDC_GROUP_ROLES names boss: not a role" in e for e in errors)


@pytest.mark.django_db
def test_known_roles_pass(settings):
    settings.SSO = config("https://id.example.test")
    assert not any("SUNRELAY_OIDC_GROUP_ROLES" in f.text for f in findings())
