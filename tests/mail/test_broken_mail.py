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


def nested(depth: int) -> bytes:
    raw = plain()
    for level in range(depth):
        b = f"level{level}".encode()
        raw = (
            b"From: Carla Customer <carla@acme.test>\r\nSubject: level\r\n"
            b'Content-Type: multipart/mixed; boundary="' + b + b'"\r\n\r\n--' + b + b"\r\n"
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


def test_an_unexpected_failure_is_explained_in_words_with_its_detail(db, contact, monkeypatch):
    from sunrelay.mail import route

    def broken(*args, **kwargs):
        raise KeyError("charset")

    monkeypatch.setattr(route, "parse", broken)
    result = intake.receive(plain(), source=Source.SMTP)
    assert result.outcome == Outcome.QUARANTINED
    assert result.reason.startswith("Sunrelay failed while reading this message")
    assert "KeyError" not in result.reason and "'charset'" in result.reason


def test_a_failure_after_parsing_is_explained_in_words_with_its_detail(db, contact, monkeypatch):
    from sunrelay.mail import route

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(route, "store_attachments", broken)
    result = intake.receive(plain(), source=Source.SMTP)
    assert result.outcome == Outcome.QUARANTINED
    assert result.reason.startswith("Sunrelay failed while reading this message")
    assert "RuntimeError" not in result.reason and "disk on fire" in result.reason
