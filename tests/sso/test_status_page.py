"""The leads' single sign-on page: how the door is set up and who came in through it."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sunrelay.sso.models import Identity, Source
from tests.factories import make_staff
from tests.sso.provider.running import config

pytestmark = pytest.mark.django_db


def test_a_lead_sees_the_setup_and_the_provisioned_people(client, settings, lead):
    settings.SSO = config(
        "https://id.example.test", password_login=False, break_glass=("root",), scim_token="x" * 40
    )
    for n in range(3):
        Identity.objects.create(user=make_staff(f"babs{n}", roles=["support"]), source=Source.SCIM)
    client.force_login(lead)
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/desk/settings/sso/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "On: Test IdP, issuer https://id.example.test" in text
    assert "leads → lead, support" in text
    assert "Off, except for root" in text
    assert "On at http://testserver/scim/v2/" in text
    assert text.count("SCIM provisioning") == 4  # the setting, and each person's "came by"
    assert "x" * 40 not in text  # the token is never shown
    few = len(queries)
    Identity.objects.create(user=make_staff("babs9", roles=["support"]), source=Source.OIDC)
    with CaptureQueriesContext(connection) as queries:
        client.get("/desk/settings/sso/")
    assert len(queries) == few  # one more person, no more queries


def test_only_leads_see_it(client, agent):
    client.force_login(agent)
    assert client.get("/desk/settings/sso/").status_code == 403


def test_the_menu_offers_it_to_leads_only(client, lead, agent):
    client.force_login(lead)
    assert 'href="/desk/settings/sso/"' in client.get("/desk/settings/").content.decode()
    client.force_login(agent)
    assert 'href="/desk/settings/sso/"' not in client.get("/desk/settings/").content.decode()
