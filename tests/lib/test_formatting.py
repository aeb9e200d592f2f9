"""How subjects are shortened for display."""

from __future__ import annotations

from sunrelay.lib.formatting import short_subject


def test_short_subjects_are_shown_whole_and_long_ones_end_at_a_word():
    assert short_subject("Tiles render blank") == "Tiles render blank"
    long = "Tiles render blank at zoom fourteen, " * 10
    shown = short_subject(long, 60)
    assert len(shown) <= 60 and shown.endswith("…") and long.startswith(shown[:-1])
    assert shown == "Tiles render blank at zoom fourteen, Tiles render blank at…"
    assert short_subject("x" * 200, 10) == "x" * 9 + "…"
    assert short_subject("", 10) == ""
