"""Broken mail that the intake fuzzer (test_fuzz_intake.py) found mishandled, one case each."""

from __future__ import annotations

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


def test_mail_with_a_broken_base64_subject_is_stored_and_opens_a_ticket(db, contact):
    result = intake.receive(plain(b"=?utf-8?B?/?= tiles"), source=Source.SMTP)
    assert result.outcome == Outcome.CREATED
    row = RawMessage.objects.get()
    assert (row.state, row.subject) == (RawState.PROCESSED, "=?utf-8?B?/?= tiles")
