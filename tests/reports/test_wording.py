"""The sentences of the issue, word for word, and their variants when a number is missing."""

from __future__ import annotations

import pytest

from sunrelay.reports import metrics, wording
from sunrelay.reports.figures import Route, Share, Stats, Timing


def timing(mean=None, previous=None, targets=(), with_target=0, met=0, n=None):
    def stats(value):
        return Stats(0 if value is None else 1, value, value, value)

    return Timing(
        n=n if n is not None else (0 if mean is None else 1),
        business=stats(mean),
        calendar=stats(mean),
        previous_business=stats(previous),
        previous_calendar=stats(previous),
        change=None if mean is None or previous is None else mean - previous,
        with_target=with_target,
        met=met,
        previous_with_target=0,
        previous_met=0,
        targets=list(targets),
    )


def test_the_issue_example_word_for_word():
    received = metrics.count(331, 320)
    answered = metrics.count(308, 296, 331, 320)
    first = timing(7 * 60 + 13, 8 * 60 + 2)
    key = timing(5 * 60 + 5, targets=[240], with_target=24, met=19)
    assert (
        wording.volume(received, answered)
        + " "
        + wording.first_reply(first, key, ["enterprise", "partner"])
    ) == (
        "Answered 308 of 331 tickets received (93 %), 12 more than the week before. "
        "Average first reply 7 h 13 min (previous 8 h 2 min); Enterprise and Partner 5 h 5 min "
        "against a 4 h target (19 of 24 within target)."
    )


def test_population_words_for_the_product_brief_example():
    # "5 unanswered of 100 received = 95 % answered"
    assert wording.volume(metrics.count(100, 100), metrics.count(95, 95, 100, 100)) == (
        "Answered 95 of 100 tickets received (95 %), as many as the week before."
    )
    assert wording.volume(metrics.count(50, 60), metrics.count(40, 52, 50, 60)).endswith(
        "12 fewer than the week before."
    )


def test_empty_periods_are_said_in_words():
    assert wording.volume(metrics.count(0, 0), metrics.count(0, 0, 0, 0)) == (
        "No tickets received this week or the week before."
    )
    assert wording.volume(metrics.count(0, 7), metrics.count(0, 7, 0, 7)) == (
        "No tickets received this week (7 the week before)."
    )
    assert wording.first_reply(timing(), timing(), ["enterprise"]) == (
        "No first replies this week or the week before."
    )
    assert wording.first_reply(timing(previous=90), timing(), ["enterprise"]) == (
        "No first replies this week (previous average 1 h 30 min)."
    )
    assert wording.reopens(metrics.count(0, 0, 0, 0), metrics.count(0, 0)) == (
        "No tickets solved, so no reopen rate; 0 tickets reopened during the week."
    )
    assert wording.causes([], metrics.count(0, 0, 0, 0)) == "No tickets solved, so no cause mix."
    assert wording.interesting([]) == "No tickets flagged for the lightning talks."
    assert wording.handoffs(metrics.count(0, 0), []) == (
        "No tickets handed off between regions (none the week before)."
    )


def test_targets_and_groups_without_replies():
    first = timing(100, None)
    assert wording.first_reply(first, timing(), ["enterprise", "partner"]) == (
        "Average first reply 1 h 40 min (none the week before); "
        "no first replies to Enterprise and Partner tickets."
    )
    several = timing(70, targets=[60, 240], with_target=9, met=8)
    assert wording.first_reply(first, several, ["partner"]).endswith(
        "Partner 1 h 10 min against targets of 1 h and 4 h (8 of 9 within target)."
    )
    eight = timing(70, targets=[480], with_target=2, met=2)
    assert "against an 8 h target" in wording.first_reply(first, eight, ["pro"])


@pytest.mark.parametrize(
    ("minutes", "words"),
    [
        (0, "0 min"),
        (0.4, "0 min"),
        (0.5, "1 min"),
        (45, "45 min"),
        (60, "1 h"),
        (433, "7 h 13 min"),
        (47 * 60 + 59, "47 h 59 min"),
        (48 * 60, "2 d"),
        (52 * 60 + 13, "2 d 4 h 13 min"),
    ],
)
def test_durations_are_written_to_the_minute(minutes, words):
    assert wording.duration(minutes) == words


def test_percentages_never_round_to_all_or_nothing():
    assert wording.percent(308, 331) == "93 %"
    assert wording.percent(999, 1000) == "99 %"
    assert wording.percent(1, 1000) == "1 %"
    assert wording.percent(0, 10) == "0 %" and wording.percent(10, 10) == "100 %"
    assert wording.percent(1, 8) == "13 %"  # 12.5 rounds half up


def test_the_other_sentences_carry_their_numbers():
    assert wording.sla(
        metrics.count(231, 220, 250, 245),
        metrics.count(19, 25),
        {"first_reply": 8, "resolution": 11},
    ) == (
        "SLA targets met 231 of 250 times (92 %), previous 220 of 245 (90 %); 19 targets breached "
        "during the week (8 first reply, 11 resolution), previous 25."
    )
    assert wording.reopens(metrics.count(9, 6, 290, 301), metrics.count(14, 10)) == (
        "9 of the 290 tickets solved (3 %) had been reopened (previous 2 %); "
        "14 tickets reopened during the week."
    )
    shares = [Share("question", "Question", 120, 100), Share("product_bug", "Product bug", 60, 70)]
    assert wording.causes(shares, metrics.count(45, 50, 180, 170)) == (
        "Causes of the 180 tickets solved: question 120 (67 %), product bug 60 (33 %); "
        "45 linked to a bug."
    )
    routes = [Route("Madrid", "New York", 7, 2), Route("New York", "San Francisco", 5, 6)]
    assert wording.handoffs(metrics.count(12, 8), routes) == (
        "12 hand-offs between regions (previous 8): Madrid → New York 7, "
        "New York → San Francisco 5."
    )
