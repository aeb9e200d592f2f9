"""What a message says, read by its MIME structure: alternatives, sequences, digests."""

from __future__ import annotations

from sunrelay.mail.parse import parse
from tests.mail.conftest import corpus


def test_it_keeps_each_message_of_a_digest_whose_parts_have_no_content_type():
    # RFC 2046 5.1.5: in multipart/digest a part without Content-Type is message/rfc822.
    mail = parse(corpus("051-digest-parts-without-type.eml"))
    assert [a.filename for a in mail.attachments] == [
        "Tiles missing near Segovia.eml",
        "Labels overlap in Avila.eml",
    ]
    assert all(a.content_type == "message/rfc822" for a in mail.attachments)
    first = parse(mail.attachments[0].data)
    assert (first.sender, first.text.strip()) == (
        "ana@acme.test",
        "Tiles are missing near Segovia at zoom 12.",
    )


def test_it_shows_every_body_part_of_a_mixed_message_in_order():
    mail = parse(corpus("054-mixed-text-then-html.eml"))
    steps, error, footer = (
        mail.text.index("Steps: open the Segovia layer"),
        mail.text.index("The error page said: export queue full"),
        mail.text.index("Sent from the field"),
    )
    assert steps < error < footer
    assert mail.html.index("Steps: open") < mail.html.index("<b>export queue full</b>")
    assert mail.html.index("</b>") < mail.html.index("Sent from the field")
    assert mail.attachments == []


def test_alternatives_are_still_one_content_in_two_forms():
    raw = (
        b"From: a@b.test\r\nSubject: s\r\nContent-Type: multipart/mixed; boundary=M\r\n\r\n"
        b"--M\r\nContent-Type: multipart/alternative; boundary=A\r\n\r\n"
        b"--A\r\nContent-Type: text/plain\r\n\r\nplain words\r\n"
        b"--A\r\nContent-Type: text/html\r\n\r\n<p>html words</p>\r\n--A--\r\n"
        b"--M\r\nContent-Type: text/plain\r\n\r\nlist footer\r\n"
        b"--M\r\nContent-Type: text/plain; name=app.log\r\n\r\nERROR 1\r\n--M--\r\n"
    )
    mail = parse(raw)
    assert mail.text == "plain words\n\nlist footer"
    assert "html words" in mail.html and "list footer" in mail.html
    assert "plain words" not in mail.html
    assert [a.filename for a in mail.attachments] == ["app.log"]
