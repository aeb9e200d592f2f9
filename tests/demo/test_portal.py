"""The demo's portal: an account sharing its tickets, contacts to sign in as, and a month of
web-form visits behind the deflection figure."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from sunrelay.accounts.models import Account
from sunrelay.demo.plan import build_plan
from sunrelay.demo.portal import portal_contacts
from sunrelay.desk.models import Channel
from sunrelay.portal import deflection
from sunrelay.portal.models import FormVisit
from tests.demo.conftest import ANCHOR, SEED, SMALL, SMALL_ARGS

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_portal_to_try():
    out = StringIO()
    call_command("demo", *SMALL_ARGS, stdout=out)
    plan = build_plan(SEED, ANCHOR, SMALL)
    contacts = portal_contacts(plan)
    assert len(contacts) == 3
    output = out.getvalue()
    assert "/portal/" in output and all(c.email in output for c in contacts)
    shared = Account.objects.filter(portal_shares_tickets=True)
    assert [a.name for a in shared] == [contacts[0].account]

    visits = FormVisit.objects.all()
    opened = visits.filter(ticket__isnull=False)
    assert opened.exists() and all(v.ticket.channel == Channel.WEB for v in opened)
    assert all(v.started_at < v.ticket.created_at for v in opened)
    figure = deflection.figure(now=ANCHOR)
    assert 0 < figure.deflected < figure.shown

    # Run again: nothing new, and a changed sharing flag stays as it was changed.
    shared.update(portal_shares_tickets=False)
    count = visits.count()
    call_command("demo", *SMALL_ARGS, "--quiet")
    assert FormVisit.objects.count() == count
    assert not Account.objects.filter(portal_shares_tickets=True).exists()
