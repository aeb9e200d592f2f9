"""Short undeclared 8-bit text is read in the charset of the message it came in."""

from __future__ import annotations

from sunrelay.mail import charsets
from sunrelay.mail.charsets import decode
from sunrelay.mail.headers import scan
from sunrelay.mail.parse import parse
from tests.mail.conftest import corpus

SUBJECT = "Навигация".encode("koi8-r")  # 9 letters, 9 bytes: too short to guess alone


def test_a_short_subject_takes_the_charset_the_body_declares():
    raw = corpus("057-koi8r-short-subject-body-declared.eml")
    mail = parse(raw)
    assert (mail.subject, mail.sender_name) == ("Навигация", "Иван Петров")
    assert scan(raw).subject == "Навигация"  # what the quarantine list shows


def test_with_nothing_declared_the_whole_message_is_the_context_of_the_guess():
    raw = corpus("058-koi8r-nothing-declared.eml")
    assert parse(raw).subject == "Экспорт"
    assert charsets.MessageText(raw).charset == "koi8_r"


def test_without_context_short_text_is_still_read_as_windows_1252():
    assert decode(SUBJECT) == SUBJECT.decode("cp1252")
    assert (
        decode("Größe".encode("latin-1"), context=charsets.MessageText(b"Subject: x\n\nplain"))
        == "Größe"
    )


def test_a_unicode_charset_declared_elsewhere_is_no_hint():
    raw = b"Content-Type: text/plain; charset=utf-8\n\n" + "Größe".encode("latin-1")
    assert charsets.MessageText(raw).charset is None
