"""A real smtplib client against Sunrelay's aiosmtpd listener on loopback."""

from __future__ import annotations

import smtplib

import pytest

from sunrelay.desk.models import Ticket
from sunrelay.mail import files, smtpd
from sunrelay.mail.models import RawMessage, Source
from tests.mail.conftest import corpus, free_port


@pytest.fixture
def listener(settings, transactional_db):
    settings.MAIL_SUPPORT_ADDRESSES = ["support@sunrelay.localhost", "help@sunrelay.localhost"]
    settings.MAIL_MAX_MESSAGE_BYTES = 20_000
    running = smtpd.start("127.0.0.1", free_port())
    try:
        yield running
    finally:
        running.stop()


def client(listener) -> smtplib.SMTP:
    return smtplib.SMTP(listener.hostname, listener.port, timeout=10)


def test_it_stores_and_routes_mail_delivered_over_smtp(listener):
    with client(listener) as smtp:
        refused = smtp.sendmail(
            "carla@acme.test", ["Support@Sunrelay.localhost"], corpus("001-new-plain.eml")
        )
    assert refused == {}
    raw = RawMessage.objects.get()
    assert (raw.source, raw.envelope_from, raw.state) == (
        Source.SMTP,
        "carla@acme.test",
        "processed",
    )
    assert files.raw_of(raw) == corpus("001-new-plain.eml")
    assert Ticket.objects.get().subject == "Tiles render blank at zoom 14"


def test_it_refuses_recipients_that_are_not_support_addresses_with_550(listener):
    with client(listener) as smtp:
        smtp.ehlo()
        smtp.mail("carla@acme.test")
        code, text = smtp.rcpt("sales@sunrelay.localhost")
        assert code == 550 and b"not a support address" in text
        code, _ = smtp.rcpt("help@sunrelay.localhost")
        assert code == 250


def test_it_refuses_malformed_recipients_with_553(listener):
    with client(listener) as smtp:
        smtp.ehlo()
        smtp.mail("carla@acme.test")
        code, _ = smtp.rcpt("not-an-address")
        assert code == 553


def test_it_refuses_every_recipient_when_none_is_ours(listener):
    with client(listener) as smtp, pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
        smtp.sendmail("x@evil.test", ["root@sunrelay.localhost"], b"Subject: hi\r\n\r\nhi\r\n")
    assert refused.value.recipients["root@sunrelay.localhost"][0] == 550
    assert not RawMessage.objects.exists()


def test_it_refuses_oversized_messages_with_552(listener):
    big = b"From: carla@acme.test\r\nSubject: big\r\n\r\n" + b"x" * 78 + b"\r\n"
    big = big + (b"y" * 78 + b"\r\n") * 400
    with client(listener) as smtp, pytest.raises(smtplib.SMTPException) as refused:
        smtp.sendmail("carla@acme.test", ["support@sunrelay.localhost"], big)
    code = getattr(refused.value, "smtp_code", None) or refused.value.args[0]
    assert code == 552
    assert not RawMessage.objects.exists()


def test_it_announces_the_size_limit_in_ehlo(listener):
    with client(listener) as smtp:
        smtp.ehlo()
        assert smtp.has_extn("size")
        assert int(smtp.esmtp_features["size"]) == 20_000


def test_a_duplicate_delivery_over_smtp_creates_nothing_new(listener):
    for _ in range(2):
        with client(listener) as smtp:
            smtp.sendmail(
                "carla@acme.test", ["support@sunrelay.localhost"], corpus("001-new-plain.eml")
            )
    assert RawMessage.objects.count() == 1
    assert Ticket.objects.count() == 1
