"""SCIM's door: its bearer token, refused in SCIM's words, counted like a bad API token; the
discovery documents (RFC 7644 §4)."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt

from tests.sso.provider.running import config
from tests.sso.scim_client import ERROR, TOKEN, Scim

pytestmark = pytest.mark.django_db


@pytest.fixture
def scim(client, settings):
    settings.SSO = config("https://id.example.test", scim_token=TOKEN)
    return Scim(client)


def test_without_a_token_set_scim_is_not_served(client, settings):
    settings.SSO = config("https://id.example.test", scim_token="")
    answer = Scim(client).get("Users")
    assert answer.status_code == 404
    assert answer.json()["schemas"] == [ERROR]


@pytest.mark.parametrize("token", ["wrong-token-of-the-same-length-0123456789", ""])
def test_a_wrong_or_missing_token_is_refused_and_counted(client, scim, token):
    answer = Scim(client, token).get("Users")
    assert answer.status_code == 401
    assert answer["WWW-Authenticate"] == 'Bearer realm="scim"'
    assert answer.json()["detail"] == "A valid SCIM bearer token is required."
    assert AccessAttempt.objects.exists()
    assert TOKEN not in str(list(AccessAttempt.objects.values()))


def test_a_logged_in_lead_without_the_token_is_refused(client, scim, lead):
    client.force_login(lead)
    assert client.get("/scim/v2/Users").status_code == 401


def test_it_tells_what_it_supports(scim):
    config_doc = scim.get("ServiceProviderConfig").json()
    assert config_doc["patch"]["supported"] is True
    assert config_doc["bulk"]["supported"] is False
    assert config_doc["filter"] == {"supported": True, "maxResults": 200}
    assert config_doc["authenticationSchemes"][0]["type"] == "oauthbearertoken"
    types = scim.get("ResourceTypes").json()
    assert {t["endpoint"] for t in types["Resources"]} == {"/Users", "/Groups"}
    assert scim.get("ResourceTypes/User").json()["schema"].endswith(":User")
    schemas = scim.get("Schemas").json()["Resources"]
    user = next(s for s in schemas if s["name"] == "User")
    assert {"userName", "active", "emails"} <= {a["name"] for a in user["attributes"]}
    one = scim.get("Schemas/urn:ietf:params:scim:schemas:core:2.0:Group")
    assert one.status_code == 200 and one.json()["name"] == "Group"
    assert scim.get("Schemas/nothing").status_code == 404


def test_a_method_a_resource_does_not_take_is_refused_in_scim_words(scim):
    answer = scim.delete("ServiceProviderConfig")
    assert answer.status_code == 405
    assert answer.json()["schemas"] == [ERROR]
