from __future__ import annotations

from datetime import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sunrelay.lib.weekly import MAX_STRETCHES, format_day, parse_day


def test_it_reads_stretches_in_the_ways_people_type_them():
    assert parse_day("09:00-13:00, 14:00–18:00") == [(time(9), time(13)), (time(14), time(18))]
    assert parse_day("9-17") == [(time(9), time(17))]
    assert parse_day(" 22:00 - 06:00 ; ") == [(time(22), time(6))]
    assert parse_day("00:00-24:00") == [(time(0), time(0))]
    assert parse_day("") == [] and parse_day("  ") == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("9", "is not a stretch like 09:00-17:00"),
        ("9-", "is not a stretch like 09:00-17:00"),
        ("25:00-26:00", "is not a time of day"),
        ("9.30-17", "is not a time like 09:00"),
        ("09:75-10:00", "is not a time of day"),
    ],
)
def test_it_says_in_words_what_is_wrong(text, words):
    with pytest.raises(ValueError, match=words):
        parse_day(text)


def test_a_day_has_few_stretches():
    with pytest.raises(ValueError, match=f"At most {MAX_STRETCHES}"):
        parse_day(", ".join(f"{h:02d}:00-{h:02d}:30" for h in range(MAX_STRETCHES + 1)))


TIMES = st.builds(time, st.integers(0, 23), st.integers(0, 59))


@given(st.lists(st.tuples(TIMES, TIMES), max_size=MAX_STRETCHES))
def test_what_it_writes_it_reads_back(stretches):
    assert parse_day(format_day(stretches)) == stretches
