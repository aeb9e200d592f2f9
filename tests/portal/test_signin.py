"""Signing in with an e-mail link: single use, expiring, rate limited, hashed, no account
enumeration, GET never uses it up."""

from __future__ import annotations

import re
from datetime import timedelta

import time_machine
from django.test import Client
from django.utils import timezone

from sunrelay.portal.models import SignInLink
from tests.portal.conftest import last_link, mails_to, signed_in


def _ask(client: Client, email: str, ip: str = "203.0.113.7"):
    return client.post("/portal/sign-in/", {"email": email}, REMOTE_ADDR=ip)


def test_it_mails_a_link_that_signs_in_once(client, contact, ticket):
    response = _ask(client, "Carla@ACME.test")
    assert response.status_code == 200
    assert "a sign-in link is on its way" in response.content.decode()
    path = last_link("carla@acme.test")
    token = path.rstrip("/").rsplit("/", 1)[1]
    # Only the hash is stored.
    assert not SignInLink.objects.filter(token_hash=token).exists()
    assert SignInLink.objects.get().token_hash != token

    # Opening the link (a mail scanner does) shows a button and uses nothing up.
    for _ in range(2):
        page = client.get(path)
        assert page.status_code == 200 and "Sign in as carla@acme.test" in page.content.decode()
        assert page["Referrer-Policy"] == "no-referrer"
    assert client.get("/portal/").status_code == 302

    assert client.post(path).status_code == 302
    home = client.get("/portal/")
    assert home.status_code == 200 and ticket.subject in home.content.decode()

    # Used: a second POST (another browser) signs nobody in.
    other = Client()
    again = other.post(path)
    assert again.status_code == 400 and "used already" in again.content.decode()
    assert other.get("/portal/").status_code == 302


def _same_page(html: str) -> str:
    """The page without what differs by design: the address typed and the CSRF token."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    return re.sub(r"[\w.]+@acme\.test", "ADDRESS", html)


def test_the_answer_is_the_same_for_an_unknown_address(client, contact):
    known = _ask(client, "carla@acme.test").content.decode()
    unknown = _ask(client, "nobody@acme.test").content.decode()
    assert _same_page(known) == _same_page(unknown)
    assert len(mails_to("nobody@acme.test")) == 0
    assert len(mails_to("carla@acme.test")) == 1


def test_a_link_expires_after_thirty_minutes(client, contact):
    _ask(client, "carla@acme.test")
    path = last_link("carla@acme.test")
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        expired = client.post(path)
        assert expired.status_code == 400
        assert "expired" in expired.content.decode()
        assert client.get("/portal/").status_code == 302


def test_asking_is_rate_limited_per_address_and_per_network(client, contact, settings):
    settings.PORTAL_LIMIT_PER_ADDRESS = 2
    settings.PORTAL_LIMIT_PER_IP = 3
    assert _ask(client, "carla@acme.test").status_code == 200
    assert _ask(client, "carla@acme.test", ip="198.51.100.1").status_code == 200
    refused = _ask(client, "carla@acme.test", ip="198.51.100.2")
    assert refused.status_code == 429 and "Too many" in refused.content.decode()
    # Unknown addresses count alike: the limit tells nothing about who is known.
    assert _ask(client, "x@acme.test", ip="198.51.100.3").status_code == 200
    assert _ask(client, "x@acme.test", ip="198.51.100.3").status_code == 200
    assert _ask(client, "x@acme.test", ip="198.51.100.3").status_code == 429
    # Per network: three from one address, then any address is refused from it.
    for n in range(3):
        assert _ask(client, f"p{n}@acme.test", ip="2001:db8::1").status_code == 200
    assert _ask(client, "p9@acme.test", ip="2001:db8::ffff").status_code == 429  # same /64
    assert len(mails_to("carla@acme.test")) == 2
    with time_machine.travel(timezone.now() + timedelta(minutes=61)):
        assert _ask(client, "carla@acme.test").status_code == 200


def test_a_bad_address_is_explained(client, db):
    response = _ask(client, "not an address")
    assert response.status_code == 422
    assert "valid email address" in response.content.decode()


def test_sign_out_ends_the_portal_session_only(client, contact, agent):
    client.force_login(agent)
    signed_in(contact, client)
    assert client.get("/portal/").status_code == 200
    assert client.post("/portal/sign-out/").status_code == 302
    assert client.get("/portal/").status_code == 302
    assert client.get("/desk/").status_code == 200  # the staff log-in stays


def test_the_link_post_keeps_its_csrf_check(contact):
    browser = Client(enforce_csrf_checks=True)
    _ask(Client(), "carla@acme.test")
    path = last_link("carla@acme.test")
    assert browser.post(path).status_code == 403  # another site's form
    assert browser.get("/portal/").status_code == 302


def test_using_a_link_spends_the_contacts_other_links(client, contact):
    _ask(client, "carla@acme.test")
    first = last_link("carla@acme.test")
    _ask(client, "carla@acme.test")
    second = last_link("carla@acme.test")
    assert Client().post(second).status_code == 302
    assert Client().post(first).status_code == 400


def test_a_changed_address_ends_the_portal_session(contact):
    browser = signed_in(contact)
    contact.email = "carla.new@acme.test"
    contact.save()
    assert browser.get("/portal/").status_code == 302
