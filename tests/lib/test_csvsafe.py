"""Cells a spreadsheet would run as formulas are escaped as OWASP recommends ("CSV
injection"): a leading = + - @ TAB or CR gets a single quote in front."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest

from sunrelay.lib.csvsafe import as_csv, cell


@pytest.mark.parametrize(
    "value, written",
    [
        ('=HYPERLINK("https://evil.test","Tiles")', '\'=HYPERLINK("https://evil.test","Tiles")'),
        ("+1 555 0100", "'+1 555 0100"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Tiles = blank", "Tiles = blank"),
        ("", ""),
        (-240, -240),
        (12.5, 12.5),
        (Decimal("-3.5"), Decimal("-3.5")),
        (None, None),
    ],
)
def test_text_that_starts_like_a_formula_is_escaped_and_numbers_are_not(value, written):
    assert cell(value) == written


def test_a_whole_file_reads_back_with_every_cell_escaped():
    text = as_csv(["subject", "minutes"], [['=1+1, "quoted"', -5], ["fine", 7]])
    assert text.endswith("\r\n")
    assert list(csv.reader(io.StringIO(text))) == [
        ["subject", "minutes"],
        ['\'=1+1, "quoted"', "-5"],
        ["fine", "7"],
    ]
