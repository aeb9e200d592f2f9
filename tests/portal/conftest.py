"""Portal test helpers: a second organisation, and signing a browser in the real way (the
link from the e-mail in the outbox)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from sunrelay.mail.models import Outbox
from sunrelay.portal import signin
from tests.factories import make_account, make_contact, make_ticket

LINK = re.compile(r"https?://\S+?(/portal/(?:sign-in|confirm)/[\w-]+/)")


def mails_to(address: str) -> list[Outbox]:
    """Outbox rows to `address`, newest first (JSON lookups differ by database: read them)."""
    return [m for m in Outbox.objects.order_by("-id") if address in m.to]


def last_link(to: str) -> str:
    """The path of the last portal link e-mailed to `to` (from the outbox row)."""
    mails = mails_to(to)
    assert mails, f"nothing was e-mailed to {to}"
    found = LINK.search(mails[0].body_text)
    assert found, mails[0].body_text
    return found.group(1)


def signed_in(contact, client: Client | None = None) -> Client:
    """A browser signed in to the portal as `contact`, through a real sign-in link."""
    client = client or Client()
    signin.send_link(contact)
    response = client.post(last_link(contact.email))
    assert response.status_code == 302, response.content
    return client


@pytest.fixture
def globex(db):
    return make_account("Globex", tier="pro", domains=["globex.test"])


@pytest.fixture
def gil(globex):
    return make_contact("Gil Globex", "gil@globex.test", account=globex)


@pytest.fixture
def globex_ticket(gil):
    return make_ticket(gil, subject="Globex export fails", body="Globex secret body")


@pytest.fixture
def colleague(account):
    """Another contact of Acme Maps, the `contact` fixture's organisation."""
    return make_contact("Cora Colleague", "cora@acme.test", account=account)
