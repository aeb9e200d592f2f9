"""The search language: words, phrases, prefixes, exclusions, #numbers and filters."""

from __future__ import annotations

from datetime import date

import pytest

from sunrelay.search.query import MAX_LENGTH, QueryError, Term, parse


def test_it_reads_words_phrases_prefixes_and_exclusions():
    query = parse('export "blank tiles" timeo* -invoice')
    assert query.terms == [
        Term("export"),
        Term("blank tiles", phrase=True),
        Term("timeo", prefix=True),
        Term("invoice", negated=True),
    ]
    assert query.has_text


def test_it_reads_filters_with_plain_and_quoted_values():
    query = parse(
        'tier:Enterprise status:open assignee:me account:"Acme Maps" before:2026-11-01 map'
    )
    assert query.filters == {
        "tier": "enterprise",
        "status": "open",
        "assignee": "me",
        "account": "Acme Maps",
        "before": date(2026, 11, 1),
    }
    assert query.terms == [Term("map")]


def test_a_ticket_number_is_found_by_number():
    assert parse("#1234").number == 1234 and not parse("#1234").terms
    lone = parse("4471")
    assert lone.number == 4471 and lone.terms == [Term("4471")]


def test_urls_times_and_ids_with_colons_are_text_not_filters():
    query = parse("https://tiles.example.com/x at 10:30")
    assert not query.filters
    assert query.terms[0].text == "https://tiles.example.com/x"


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ('"unclosed phrase', "quote is not closed"),
        ("colour:red", "There is no colour: filter"),
        ("before:yesterday", "takes a date like 2026-11-01"),
        ("before:0001-01-01", "between"),
        ("after:9999-12-31", "between"),
        ("x" * (MAX_LENGTH + 1), "characters long"),
        ("tier:", None),
        (" ".join(f"w{i}" for i in range(40)), "at most 32"),
    ],
)
def test_bad_queries_say_what_is_wrong(text, says):
    if says is None:
        # "tier:" with nothing after it is just a word
        assert parse(text).terms
        return
    with pytest.raises(QueryError, match=says):
        parse(text)
