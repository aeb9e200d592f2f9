"""Mail written by Sunrelay itself goes through the outbox, with or without a ticket."""

from __future__ import annotations

import pytest

from sunrelay.mail import compose
from sunrelay.mail.models import Outbox, OutboxKind
from sunrelay.mail.notify import enqueue_mail


def test_a_notification_without_a_ticket_is_queued_and_built(db, settings):
    row = enqueue_mail(
        OutboxKind.NOTIFICATION,
        ["oncall@sunrelay.test", "oncall@sunrelay.test"],
        "Urgent: #7",
        "Please look.",
    )
    assert row.to == ["oncall@sunrelay.test"] and row.ticket is None
    message = compose.build(row)
    assert message["Auto-Submitted"] == "auto-generated"
    assert "X-Sunrelay-Ticket" not in message
    assert message.get_body(("plain",)).get_content().strip() == "Please look."


def test_it_never_mails_our_own_support_address(db, settings):
    own = settings.MAIL_SUPPORT_ADDRESSES[0]
    assert enqueue_mail(OutboxKind.REPORT, [own], "Weekly", "…") is None
    assert not Outbox.objects.exists()


def test_replies_are_not_sent_this_way(db):
    with pytest.raises(ValueError):
        enqueue_mail(OutboxKind.REPLY, ["a@b.test"], "x", "y")
