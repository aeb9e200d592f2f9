"""Sections of the weekly review contributed by apps above reports, which reports never
imports (slack's team channel questions, for one).

An app registers, in its AppConfig.ready(), a name and a function of (week, previous week,
scope) returning a ContributedSection, or None to be left out (e.g. under filters its figures
do not follow). Each figure is a column with its kind (reports.cells: "count", "share",
"minutes"); the section has one row for the week and one for the week before, so every output
of the review (the page, the e-mail, Markdown, CSV, JSON and the API) shows it with its
reference. A contributor should read a constant number of rows' queries, whatever the data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class ContributedColumn:
    key: str  # the CSV column (with the kind's suffix: _min, _pct)
    label: str
    kind: str = "count"  # "count", "share" (0-1) or "minutes"


@dataclass
class ContributedSection:
    name: str  # the table's name, also its CSV file name
    title: str
    columns: list[ContributedColumn]
    week: list[float | int | None]  # one value per column
    previous: list[float | int | None]
    note: str = ""
    app: str = field(default="")  # who contributed it (the registered key)


_CONTRIBUTORS: dict[str, Callable] = {}


def register(key: str, compute: Callable) -> None:
    """Add (or replace: ready() may run twice in tests) the contributor `key`."""
    _CONTRIBUTORS[key] = compute


def compute(week, previous, scope) -> list[ContributedSection]:
    """Every contributed section of the review of `week`, in the order they registered."""
    sections = []
    for key, contributor in _CONTRIBUTORS.items():
        section = contributor(week, previous, scope)
        if section is not None:
            section.app = key
            sections.append(section)
    return sections
