"""The demo's Q&A questions and mailing-list thread, brought in by the real importers."""

from __future__ import annotations

from collections import Counter

import pytest

from sunrelay.demo.channels import LIST_ADDRESS, SITE, load_channels
from sunrelay.desk.models import Channel, Message, MessageKind, Ticket
from sunrelay.mail.models import ListThread, Outbox
from sunrelay.qa.models import SitePost
from tests.demo.conftest import ANCHOR
from tests.factories import make_staff

pytestmark = pytest.mark.django_db


def test_the_demo_has_q_and_a_tickets_and_a_list_thread_and_loads_them_once():
    javier = make_staff("javier", roles=["support"])
    created = Counter()
    load_channels(ANCHOR, created)
    assert created == Counter({"Q&A-site tickets": 3, "mailing-list tickets": 1})
    qa = Ticket.objects.filter(channel=Channel.QA_SITE)
    assert qa.count() == 3 and SitePost.objects.filter(site=SITE, kind="answer").count() == 2
    ours = Message.objects.get(kind=MessageKind.REPLY)
    assert ours.author_user == javier and ours.ticket in qa
    thread = ListThread.objects.get()
    assert thread.address == LIST_ADDRESS and thread.ticket.messages.count() == 3
    assert not Outbox.objects.exists()
    rows = (Ticket.objects.count(), Message.objects.count())
    again = Counter()
    load_channels(ANCHOR, again)
    assert (Ticket.objects.count(), Message.objects.count()) == rows and not +again
