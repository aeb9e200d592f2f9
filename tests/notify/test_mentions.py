"""@mentions: what a note names, and what it does not."""

from __future__ import annotations

import pytest

from sunrelay.notify import mentions
from tests.factories import make_staff


@pytest.fixture
def staff(db):
    make_staff("keisha", ["support"], first_name="Keisha", last_name="Thompson")
    make_staff("ana.l", ["support"], first_name="Ana", last_name="Lopez")
    make_staff("ana.m", ["support"], first_name="Ana", last_name="Marsh")
    make_staff("sam", ["sales"], first_name="Sam")
    return mentions.load_staff()


def names(users) -> list[str]:
    return [u.username for u in users]


def test_it_resolves_usernames_and_unique_first_names(staff):
    text = "@keisha can you look? cc @Sam, and @ana.l."
    assert names(mentions.mentioned(text, staff)) == ["keisha", "sam", "ana.l"]


def test_it_takes_a_first_name_case_insensitively_when_one_person_has_it(staff):
    assert names(mentions.mentioned("thanks @KEISHA", staff)) == ["keisha"]


def test_it_ignores_unknown_names_and_shared_first_names(staff):
    assert mentions.mentioned("@nobody and @Ana (two of them)", staff) == []


def test_it_never_takes_an_email_address_for_a_mention(staff):
    text = "Customer wrote from keisha@example.com and sam@acme.test; see https://x.test/@keisha"
    assert mentions.mentioned(text, staff) == []
    assert mentions.names_in(text) == []


def test_it_names_each_person_once(staff):
    assert names(mentions.mentioned("@keisha @keisha @Keisha", staff)) == ["keisha"]


def test_it_highlights_known_mentions_only_and_escapes_names(staff):
    html = mentions.highlight("<p>@keisha and @nobody</p>", staff)
    assert '<span class="mention" title="Keisha Thompson">@keisha</span>' in html
    assert "@nobody</p>" in html


def test_it_quotes_the_lines_that_mention_someone(staff):
    keisha = staff.resolve("keisha")
    text = "Tried the cache.\n@keisha the tiles are yours now\nThanks"
    assert mentions.lines_mentioning(text, keisha, staff) == ["@keisha the tiles are yours now"]


def test_suggestions_match_the_start_of_any_name(staff):
    found = mentions.suggestions("ke", mentions.staff_members())
    assert found == [{"username": "keisha", "name": "Keisha Thompson"}]
    assert len(mentions.suggestions("", mentions.staff_members())) == 4
