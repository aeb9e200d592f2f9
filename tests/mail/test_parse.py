"""Parsing what real mail does: charsets, encoded words, HTML to text, quote folding."""

from __future__ import annotations

import pytest

from sunrelay.mail.charsets import decode
from sunrelay.mail.headers import decode_words, scan
from sunrelay.mail.htmltext import html_to_text
from sunrelay.mail.parse import parse, safe_filename
from sunrelay.mail.quotes import fold_boundary
from sunrelay.mail.tags import find_tag, strip_tag


@pytest.mark.parametrize(
    ("data", "declared", "expected"),
    [
        ("Müller".encode("latin-1"), "utf-8", "Müller"),
        ("café".encode(), "x-unknown", "café"),
        (b"\x93quoted\x94", "iso-8859-1", "\u201cquoted\u201d"),
        ("的地图".encode("gb18030"), "gb2312", "的地图"),
        (b"plain", None, "plain"),
    ],
)
def test_it_decodes_with_the_declared_charset_or_falls_back(data, declared, expected):
    assert decode(data, declared) == expected


def test_it_never_raises_on_undecodable_bytes():
    assert isinstance(decode(bytes(range(256)), "utf-8"), str)


def test_encoded_words_and_broken_ones():
    assert decode_words("=?UTF-8?Q?Caf=C3=A9?= =?ISO-8859-1?Q?_cr=E8me?=") == "Café crème"
    assert decode_words("=?bogus-charset?Q?x?=") == "=?bogus-charset?Q?x?="


def test_the_quick_scan_reads_identity_headers_from_raw_bytes():
    scanned = scan(
        b"Subject: Hi\r\n there\r\nFrom: A <A@Example.test>\r\nMessage-ID: <x@y>\r\n\r\nbody"
    )
    assert (scanned.subject, scanned.sender, scanned.message_id) == (
        "Hi there",
        "a@example.test",
        "x@y",
    )


def test_html_only_mail_gets_a_readable_text_version():
    text = html_to_text(
        "<style>p{}</style><p>Hello&nbsp;there</p><ul><li>one</li><li>two</li></ul>"
        '<blockquote><p>old</p></blockquote><p><a href="https://x.test/a">link</a></p>'
    )
    assert text == "Hello there\n\n- one\n- two\n\n> old\n\nlink <https://x.test/a>"


def test_filenames_are_made_safe():
    assert safe_filename("../../etc/passwd", "text/plain", 1) == "passwd"
    assert safe_filename("", "image/png", 3) == "attachment-3.png"
    assert safe_filename('a<b>:"c".txt', "text/plain", 1) == "a_b_c_.txt"


@pytest.mark.parametrize(
    ("text", "visible"),
    [
        ("Fine now.\n\nOn Mon, 3 Mar 2025 at 10:00, Support <s@x> wrote:\n> hi\n", "Fine now.\n\n"),
        ("Fine.\n\n-----Original Message-----\nFrom: S\nSent: Mon\n\nold", "Fine.\n\n"),
        ("Fine.\n\nFrom: Support <s@x>\nSent: Monday\nTo: c\nSubject: d\n\nold", "Fine.\n\n"),
        ("Fine.\n\nLe lun. 3 mars 2025 à 10:00, Support a écrit :\n> salut\n", "Fine.\n\n"),
        ("Thanks\n-- \nCarla, Acme\n", "Thanks\n"),
    ],
)
def test_it_folds_quotes_and_signatures_without_changing_the_text(text, visible):
    boundary = fold_boundary(text)
    assert text[:boundary] == visible


def test_inline_answers_and_forwards_are_not_folded():
    assert fold_boundary("On Mon Alba wrote:\n> q1\nanswer one\n> q2\nanswer two\n") is None
    assert fold_boundary("FYI\n\n---------- Forwarded message ---------\nFrom: x\n\nbody") is None
    assert fold_boundary("> only a quote\n") is None


def test_tags():
    assert find_tag("Re: Tiles [#123] again") == 123
    assert strip_tag("Re: Tiles [#123]") == "Re: Tiles"
    assert find_tag("Costs 100 [#] dollars") is None


def test_nested_messages_and_inline_images_become_attachments():
    raw = (
        b"From: a@b.test\r\nSubject: s\r\nContent-Type: multipart/mixed; boundary=X\r\n\r\n"
        b"--X\r\nContent-Type: text/plain\r\n\r\nhello\r\n--X\r\nContent-Type: message/rfc822\r\n\r\n"
        b"Subject: inner\r\n\r\ninner body\r\n--X--\r\n"
    )
    mail = parse(raw)
    assert mail.text.strip() == "hello"
    assert [a.filename for a in mail.attachments] == ["inner.eml"]
    assert b"inner body" in mail.attachments[0].data
