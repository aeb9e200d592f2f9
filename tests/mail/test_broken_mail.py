"""Broken mail that the intake fuzzer (test_fuzz_intake.py) found mishandled, one case each."""

from __future__ import annotations

import pytest

from sunrelay.mail import intake
from sunrelay.mail.headers import decode_words
from sunrelay.mail.models import Outcome, RawMessage, RawState, Source

PLAIN = (
    b"From: Carla Customer <carla@acme.test>\r\n"
    b"To: support@sunrelay.localhost\r\n"
    b"Subject: %s\r\n"
    b"Message-ID: <broken-%s@acme.test>\r\n"
    b"Content-Type: text/plain; charset=%s\r\n"
    b"\r\n"
    b"Every tile at zoom 14 is blank.\r\n"
)


def plain(subject: bytes = b"Tiles", charset: bytes = b"utf-8", key: bytes = b"1") -> bytes:
    return PLAIN % (subject, key, charset)


def test_a_broken_base64_encoded_word_stays_as_written():
    assert decode_words("=?utf-8?B?/?=") == "=?utf-8?B?/?="


def test_an_encoded_word_with_a_binary_charset_stays_as_written():
    assert decode_words("=?\xff\xfe?B??=") == "=?\xff\xfe?B??="


def test_mail_with_a_binary_charset_in_its_subject_is_stored_and_opens_a_ticket(db, contact):
    result = intake.receive(plain(b"=?\xff\xfe?B??= tiles"), source=Source.IMPORT)
    assert result.outcome == Outcome.CREATED


def test_mail_with_a_broken_base64_subject_is_stored_and_opens_a_ticket(db, contact):
    result = intake.receive(plain(b"=?utf-8?B?/?= tiles"), source=Source.SMTP)
    assert result.outcome == Outcome.CREATED
    row = RawMessage.objects.get()
    assert (row.state, row.subject) == (RawState.PROCESSED, "=?utf-8?B?/?= tiles")


def nested(depth: int) -> bytes:
    raw = plain()
    for level in range(depth):
        b = f"level{level}".encode()
        raw = (
            b"From: Carla Customer <carla@acme.test>\r\nSubject: level\r\n"
            b'Content-Type: multipart/mixed; boundary="'
            + b
            + b'"\r\n\r\n--'
            + b
            + b"\r\n"
            + raw
            + b"\r\n--"
            + b
            + b"--\r\n"
        )
    return raw


def test_mail_nested_beyond_what_the_parser_can_follow_is_quarantined_in_words(db, contact):
    result = intake.receive(nested(1100), source=Source.SMTP)
    assert result.outcome == Outcome.QUARANTINED
    assert "nested more deeply" in result.reason
    assert "Error" not in result.reason


def test_a_parser_failure_is_explained_in_words(db, contact, monkeypatch):
    from sunrelay.mail import route

    def broken(*args, **kwargs):
        raise KeyError("charset")

    monkeypatch.setattr(route, "parse", broken)
    result = intake.receive(plain(), source=Source.SMTP)
    assert result.outcome == Outcome.QUARANTINED
    row = RawMessage.objects.get()
    assert "Could not be read as e-mail" in result.reason
    assert f"raw message {row.pk}" in result.reason and "server log" in result.reason
    assert "KeyError" not in result.reason


def test_a_failure_after_parsing_is_explained_in_words(db, contact, monkeypatch):
    from sunrelay.mail import route

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(route, "store_attachments", broken)
    result = intake.receive(plain(), source=Source.SMTP)
    assert result.outcome == Outcome.QUARANTINED
    assert result.reason == intake.PROCESSING_FAILED.format(pk=RawMessage.objects.get().pk)
    assert "RuntimeError" not in result.reason


def test_a_sender_of_thousands_of_nested_groups_is_stored_and_held_without_a_sender(db):
    # The stdlib's address parser recurses into each "group:" in turn.
    raw = plain().replace(b"From: Carla Customer <carla@acme.test>", b"From: " + b"g:" * 2000)
    result = intake.receive(raw, source=Source.SMTP)
    assert result.outcome == Outcome.QUARANTINED
    assert "no usable sender" in result.reason
    assert RawMessage.objects.get().sender == ""


# PostgreSQL refuses NUL characters in text (SQLite keeps them): mail that carried one was
# quarantined as a fault, or, in a subject or Message-ID, never stored at all.
def test_a_nul_in_an_encoded_subject_is_stored_as_a_replacement_character(db, contact):
    result = intake.receive(plain(b"=?utf-8?q?zoom=0014?="), source=Source.SMTP)
    assert result.outcome == Outcome.CREATED
    assert RawMessage.objects.get().subject == "zoom\ufffd14"
    assert result.message.ticket.subject == "zoom\ufffd14"


def test_a_nul_in_the_body_is_stored_as_a_replacement_character(db, contact):
    raw = plain().replace(b"Every tile", b"Every\x00tile")
    result = intake.receive(raw, source=Source.SMTP)
    assert result.outcome == Outcome.CREATED
    assert "Every\ufffdtile" in result.message.body_text


def test_a_nul_in_the_sender_name_is_stored_as_a_replacement_character(db):
    raw = plain().replace(b"Carla Customer", b"=?utf-8?q?Carla=00C?=")
    result = intake.receive(raw, source=Source.SMTP)
    assert result.outcome == Outcome.CREATED
    assert result.message.author_contact.name == "Carla\ufffdC"


def test_an_address_or_message_id_with_a_control_character_is_no_address_or_id(db):
    raw = plain(key=b"a\x00b").replace(b"carla@acme.test", b"car\x00la@acme.test")
    result = intake.receive(raw, source=Source.SMTP)
    assert result.outcome == Outcome.QUARANTINED
    assert "no usable sender" in result.reason
    assert RawMessage.objects.get().message_id == ""


def test_a_nul_in_a_header_quoted_in_the_reason_is_stored_as_a_replacement_character(db):
    raw = plain().replace(b"Subject:", b"X-Autoreply: yes\x00sir\r\nSubject:")
    result = intake.receive(raw, source=Source.SMTP)
    assert result.outcome == Outcome.QUARANTINED  # an automatic reply to no ticket
    assert "yes\ufffdsir" in RawMessage.objects.get().reason


def test_a_nul_in_a_delivery_report_is_stored_as_a_replacement_character(db, agent, ticket):
    from sunrelay.desk import services
    from sunrelay.desk.models import EventKind
    from sunrelay.mail.models import Outbox

    sent = Outbox.objects.get(desk_message=services.reply(ticket, agent, "Hi")).message_id
    raw = (
        b"From: MAILER-DAEMON@mx.acme.test\r\nSubject: Undelivered Mail\r\n"
        b"Message-ID: <dsn-nul@mx.acme.test>\r\n"
        b'Content-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: text/plain\r\n\r\nNot delivered.\r\n"
        b"--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx\r\n\r\n"
        b"Final-Recipient: rfc822; carla@acme.test\r\nStatus: 5.1.1\r\n"
        b"Diagnostic-Code: smtp; 550 no\x00such \xffuser\r\n"
        b"--b\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: <" + sent.encode() + b">\r\n"
        b"--b--\r\n"
    )
    result = intake.receive(raw, source=Source.SMTP)
    assert result.outcome == Outcome.BOUNCE
    event = ticket.events.get(kind=EventKind.BOUNCED)
    assert event.new["diagnostic"].startswith("550 no\ufffdsuch ")


def test_an_attachment_whose_type_has_an_8bit_byte_is_read_as_text(db, contact):
    raw = (
        b"From: Carla Customer <carla@acme.test>\r\nSubject: shot\r\n"
        b"Message-ID: <ct8@acme.test>\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
        b"--b\r\nContent-Type: text/plain\r\n\r\nSee the file.\r\n"
        b"--b\r\nContent-Type: image/p\xffng; name=shot.png\r\n"
        b"Content-Disposition: attachment\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        b"iVBORw0KGgo=\r\n--b--\r\n"
    )
    result = intake.receive(raw, source=Source.SMTP)
    assert result.outcome == Outcome.CREATED
    # RFC 2045: a Content-Type that does not parse means text/plain.
    [attachment] = result.message.mail_attachments.all()
    assert (attachment.filename, attachment.content_type) == ("shot.png", "text/plain")


# Found by the fuzzer: an attached message the stdlib could not write back (fixed by issue 12's
# reading of attached messages as they arrived), and a charset label naming a codec that is no
# text encoding, which escaped the intake before the raw message was even stored.
FORWARDED_BROKEN_FROM = (
    b"From: Carla Customer <carla@acme.test>\r\n"
    b"Subject: Fwd: what our users see\r\n"
    b"Message-ID: <forwarded-broken@acme.test>\r\n"
    b"Content-Type: message/rfc822\r\n"
    b"\r\n"
    b"From: =?utf-16??geHcl3T5xTskx5u1?= =?unicode_escape?B?wA==?= =?unicode_escape?B?wA==?= "
    b"=?gb2312?X?hCAo?= =?windows-1252?q?\x88\xe0\xad\r?=\r\n"
    b"Subject: inner\r\n"
    b"\r\n"
    b"Inner body\r\n"
)


def test_an_attached_message_the_stdlib_cannot_write_back_still_opens_a_ticket(db, contact):
    result = intake.receive(FORWARDED_BROKEN_FROM, source=Source.SMTP)
    assert result.outcome == Outcome.CREATED


@pytest.mark.parametrize(
    "label", [b"base64", b"hex", b"rot13", b"undefined", b"punycode", b"idna", b"utf-8\x00"]
)
def test_a_charset_label_naming_no_text_encoding_is_treated_as_unknown(db, contact, label):
    result = intake.receive(plain(charset=label), source=Source.SMTP)
    assert result.outcome == Outcome.CREATED


def test_an_encoded_word_in_a_codec_that_refuses_everything_is_stored(db, contact):
    # "undefined" was the message's charset (MessageText), and reading the 8-bit Return-Path
    # in it raised before the raw message was stored.
    raw = b"Return-Path: =?undefined?B?\x80?=\n" + plain()
    result = intake.receive(raw, source=Source.SMTP)
    assert result.outcome == Outcome.CREATED
    assert RawMessage.objects.get().state == RawState.PROCESSED
