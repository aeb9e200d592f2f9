"""Uuencoded files in the body, decoded leniently line by line."""

from __future__ import annotations

from sunrelay.mail.parse import parse
from tests.mail.conftest import corpus


def test_one_padded_line_does_not_leave_the_block_in_the_body():
    mail = parse(corpus("055-uuencode-padded-line.eml"))
    assert "begin 644" not in mail.text
    assert mail.text.startswith("The log is below.") and "[attachment: server-2.log]" in mail.text
    [log] = mail.attachments
    assert log.filename == "server-2.log"
    assert log.data.endswith(b"ERROR 57 again, giving up\n")
    assert log.data.count(b"\n") == 3


def test_a_line_is_read_up_to_the_length_it_announces():
    from sunrelay.mail.uuencode import decode_block

    assert decode_block("%:&5L;&\\\nM\u00e9\n") is None  # not uuencode: left as text
    assert decode_block("%:&5L;&\\`checksum\n") == b"hello"
