"""The demo's Slack channel: a strategic account's shared channel with a question asked there
and answered in the thread, through the real event handling, with no call to Slack."""

from __future__ import annotations

from collections import Counter

import pytest

from sunrelay.demo.slack import load_slack
from sunrelay.desk.models import Channel, MessageKind, Ticket
from sunrelay.mail.models import Outbox
from sunrelay.slack.models import OutgoingCall, SharedChannel
from tests.demo.conftest import ANCHOR
from tests.factories import make_account, make_contact, make_staff

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_shared_channel_with_a_slack_ticket_once():
    ce = make_staff("mei", roles=["customer_engineer"])
    make_staff("sam", roles=["support"])  # answers in the thread (the CE's call stays planned)
    account = make_account("Globex", tier="enterprise", mrr=30000, strategic=True, ce=ce)
    make_contact("Gina", "gina@globex.test", account=account)
    created = Counter()
    load_slack(ANCHOR, created)
    assert created == Counter({"Slack tickets": 1})
    assert SharedChannel.objects.get().account == account
    ticket = Ticket.objects.get(channel=Channel.SLACK)
    kinds = list(ticket.messages.values_list("kind", flat=True))
    assert kinds == [MessageKind.CUSTOMER, MessageKind.REPLY, MessageKind.CUSTOMER]
    assert not OutgoingCall.objects.exists() and not Outbox.objects.exists()
    again = Counter()
    load_slack(ANCHOR, again)
    assert Ticket.objects.count() == 1 and not +again
