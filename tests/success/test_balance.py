"""The band, the strategic segment and the rebalancing moves, on plain rows."""

from __future__ import annotations

from decimal import Decimal

from sunrelay.success.balance import (
    AccountRow,
    state,
    strategic_ids,
    strategic_reasons,
    suggest_moves,
)


def _rows(ce: int, n: int, *, start: int = 0, ae: int | None = None, mrr: int = 100):
    return [
        AccountRow(start + i, f"A{start + i}", Decimal(mrr + i), False, ae, ce) for i in range(n)
    ]


def test_it_places_a_count_against_the_band():
    assert [state(n, 20, 30) for n in (19, 20, 30, 31)] == ["under", "within", "within", "over"]


def test_the_top_mrr_share_joins_the_flagged_accounts():
    rows = [
        AccountRow(1, "Big", Decimal(16000), False, None, None),
        AccountRow(2, "Mid", Decimal(3000), False, None, None),
        AccountRow(3, "Small", Decimal(150), True, None, None),
        AccountRow(4, "Tiny", Decimal(150), False, None, None),
    ]
    assert strategic_ids(rows, 0) == {3}
    assert strategic_ids(rows, 50) == {1, 3}  # 16,000 of 19,300 crosses the half alone
    assert strategic_ids(rows, 90) == {1, 2, 3}


def test_an_engineer_over_the_band_gives_the_smallest_accounts_to_the_one_with_room():
    rows = _rows(1, 33, ae=7) + _rows(2, 25, start=100, ae=8) + _rows(3, 21, start=200, ae=7)
    moves = suggest_moves(rows, [1, 2, 3], 20, 30, strategic=set())
    assert len(moves) == 3
    assert {m.from_ce for m in moves} == {1}
    # Engineer 3 already works with AE 7: the pair stays together.
    assert {m.to_ce for m in moves} == {3}
    assert [m.account.id for m in moves] == [0, 1, 2]
    assert "over the band" in moves[0].reason


def test_strategic_accounts_stay_and_someone_under_the_band_is_filled():
    rows = _rows(1, 24) + _rows(2, 18, start=100)
    keep = {a.id for a in rows if a.ce_id == 1}
    assert suggest_moves(rows, [1, 2], 20, 30, strategic=keep) == []
    moves = suggest_moves(rows, [1, 2], 20, 30, strategic=set())
    assert [(m.from_ce, m.to_ce) for m in moves] == [(1, 2), (1, 2)]
    assert "under the band" in moves[0].reason


def test_nothing_moves_when_everyone_is_within_the_band():
    rows = _rows(1, 20) + _rows(2, 30, start=100)
    assert suggest_moves(rows, [1, 2], 20, 30, strategic=set()) == []


def test_a_registered_reason_joins_the_segment_and_every_reason_is_said_in_words():
    rows = [
        AccountRow(1, "Big", Decimal(16000), False, None, None),
        AccountRow(2, "Channel", Decimal(100), False, None, None, ("a shared Slack channel",)),
        AccountRow(3, "Flagged", Decimal(150), True, None, None, ("a shared Slack channel",)),
        AccountRow(4, "Tiny", Decimal(150), False, None, None),
    ]
    assert strategic_ids(rows, 0) == {2, 3}
    assert strategic_reasons(rows, 50) == {
        1: ["among the top 50 % of MRR"],
        2: ["a shared Slack channel"],
        3: ["flagged strategic", "a shared Slack channel"],
    }
