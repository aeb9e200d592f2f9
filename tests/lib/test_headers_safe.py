from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from sunrelay.lib.formatting import person
from sunrelay.lib.headers_safe import check_one_line, mime_type, one_line


@pytest.mark.parametrize(
    "value", ["a\nb", "a\rb", "a\r\nb", "a\x0bb", "a\x0cb", "a\x85b", "a\u2028b", "a\u2029b", "a\n"]
)
def test_every_line_break_python_knows_is_refused(value):
    with pytest.raises(ValidationError) as refused:
        check_one_line(value, "subject", "The subject")
    assert refused.value.message_dict == {
        "subject": ["The subject must be one line: it holds a line break."]
    }


@pytest.mark.parametrize("value", ["", "Tiles render blank", "Ünïcödé — ok\ttab"])
def test_one_line_values_pass(value):
    check_one_line(value, "subject", "The subject")


def test_one_line_turns_any_line_break_into_a_space():
    assert one_line("Re: Tiles\r\n Bcc: x\u2028y") == "Re: Tiles Bcc: x y"


@pytest.mark.parametrize(
    "value, expected",
    [
        ("text/plain", "text/plain"),
        ("Image/PNG", "image/png"),
        ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", None),
        ("application/x-7z-compressed", None),
        ("application/ld+json", None),
    ],
)
def test_mime_types_as_rfc_2045_spells_them(value, expected):
    assert mime_type(value, "attachments", "the file") == (expected or value.lower())


@pytest.mark.parametrize(
    "value",
    [
        "text",
        "/plain",
        "text/",
        "text/plain; charset=utf-8",
        "te xt/plain",
        "text/pl(a)in",
        "a/b/c",
        "text/plain\r\nBcc: x",
        "tëxt/plain",
    ],
)
def test_anything_else_is_refused_in_words(value):
    with pytest.raises(ValidationError) as refused:
        mime_type(value, "attachments", "File “a.txt”")
    [message] = refused.value.message_dict["attachments"]
    assert message.startswith("File “a.txt”") and "type/subtype" in message


def test_a_persons_name_is_always_one_line(django_user_model, db):
    user = django_user_model(username="zoe", first_name="Zoe\r\nBcc: x", last_name="Ray")
    assert person(user) == "Zoe Bcc: x Ray"
