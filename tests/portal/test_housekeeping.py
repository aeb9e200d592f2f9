"""The worker's clean-up, the rate limiter's counting unit, and the token command."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from sunrelay.lib import worker
from sunrelay.portal import limits, signin
from sunrelay.portal.models import ContactToken, RateHit, RequestFile, SignInLink, WebRequest
from tests.api.conftest import ApiClient
from tests.portal.conftest import signed_in


def test_expired_requests_links_and_hits_are_deleted(contact):
    old = timezone.now() - timedelta(days=3)
    waiting = WebRequest.objects.create(
        email="a@b.test", subject="s", body="b", token_hash="1", created_at=old, expires_at=old
    )
    RequestFile.objects.create(
        request=waiting, filename="f", content_type="text/plain", size=1, data=b"x"
    )
    fresh = WebRequest.objects.create(
        email="a@b.test",
        subject="s",
        body="b",
        token_hash="2",
        created_at=timezone.now(),
        expires_at=timezone.now() + timedelta(hours=1),
    )
    signin.send_link(contact)
    SignInLink.objects.update(expires_at=old)
    RateHit.objects.create(scope="x", key="k", at=old)
    assert worker.run_once(["portal.expire"]) is False
    assert list(WebRequest.objects.all()) == [fresh]
    assert not RequestFile.objects.exists()
    assert not SignInLink.objects.exists() and not RateHit.objects.exists()


@pytest.mark.parametrize(
    ("address", "unit"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),
        ("::ffff:203.0.113.7", "203.0.113.7"),
        ("", "unknown"),
    ],
)
def test_networks_are_counted_per_address_or_slash_64(address, unit):
    assert limits.network(address) == unit


def test_staff_issue_list_and_revoke_a_contact_token(contact, agent):
    out, err = StringIO(), StringIO()
    call_command(
        "contact_token", "create", "CARLA@acme.test", "--by", "alba", stdout=out, stderr=err
    )
    raw = out.getvalue().strip()
    assert raw.startswith("srp_") and "cannot be shown again" in err.getvalue()
    token = ContactToken.objects.get()
    assert token.created_by == agent and token.token_hash != raw
    assert ApiClient(raw).get("/portal/me").json()["email"] == contact.email
    listing = StringIO()
    call_command("contact_token", "list", stdout=listing)
    assert token.prefix in listing.getvalue() and raw not in listing.getvalue()
    call_command("contact_token", "revoke", token.prefix, stdout=StringIO())
    assert ApiClient(raw).get("/portal/me").status_code == 401
    with pytest.raises(CommandError, match="No contact"):
        call_command("contact_token", "create", "nobody@acme.test")


def test_a_contact_makes_and_revokes_a_token_in_the_portal(contact):
    browser = signed_in(contact)
    created = browser.post("/portal/api-tokens/", {"name": "monitoring"})
    assert created.status_code == 201
    raw = created.content.decode().split('id="new-token">', 1)[1].split("<", 1)[0]
    assert ApiClient(raw).get("/portal/me").status_code == 200
    token = ContactToken.objects.get()
    assert raw not in browser.get("/portal/api-tokens/").content.decode()
    assert browser.post(f"/portal/api-tokens/{token.pk}/revoke/").status_code == 302
    assert ApiClient(raw).get("/portal/me").status_code == 401
