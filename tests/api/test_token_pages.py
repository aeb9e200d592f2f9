"""Personal API tokens on the settings pages: created and revoked by the person, shown once."""

from __future__ import annotations

import re

import pytest

from sunrelay.api.models import ApiToken
from sunrelay.api.tokens import authenticate, create_token

pytestmark = pytest.mark.django_db

URL = "/desk/settings/tokens/"


def test_a_person_creates_a_token_shown_once_that_works(client, sales):
    client.force_login(sales)
    response = client.post(URL + "new/", {"name": "CRM sync"})
    assert response.status_code == 201 and response["Cache-Control"] == "no-store"
    raw = re.search(r'value="(sr_[^"]+)"', response.content.decode()).group(1)
    assert authenticate(raw) == sales
    token = ApiToken.objects.get(user=sales)
    assert token.name == "CRM sync" and raw.startswith(token.prefix)
    listing = client.get(URL).content.decode()
    assert raw not in listing and f"{token.prefix}…" in listing


def test_a_person_revokes_their_own_token_only(client, agent, lead):
    mine, raw = create_token(agent, "laptop")
    theirs, _ = create_token(lead, "lead's")
    client.force_login(agent)
    assert client.post(f"{URL}{theirs.pk}/revoke/").status_code == 404
    assert ApiToken.objects.get(pk=theirs.pk).is_active
    response = client.post(f"{URL}{mine.pk}/revoke/", follow=True)
    assert f"Token {mine.prefix}… revoked" in response.content.decode()
    assert authenticate(raw) is None


def test_others_tokens_are_not_listed(client, agent, lead):
    theirs, _ = create_token(lead, "lead's")
    client.force_login(agent)
    assert theirs.prefix not in client.get(URL).content.decode()
