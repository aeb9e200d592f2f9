"""The leadership report as plain data (reports.leadership computes it; every renderer reads
it and computes nothing). Each figure carries its references (the period before, the same
period a year earlier, the target) and its population, in numbers and in words."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class Figure:
    key: str
    label: str
    value: float | None  # minutes, counts, shares 0-1 or dollars, as `unit` says
    unit: str  # count | share | minutes | dollars
    shown: str  # the value in words: "93 %", "7 h 13 min", "$48,200"
    previous: float | None
    previous_shown: str
    last_year: float | None  # None: no history that far back
    last_year_shown: str
    population: str = ""  # what the figure was counted on: "308 of 331 received"
    target: str = ""  # in words, where one applies
    link: str = ""  # the list of what it counts
    better: str = "up"  # up | down | "" (neither): which way is good
    met: bool | None = None  # the target's verdict; None without a target (or a value)


@dataclass
class Section:
    key: str
    title: str
    figures: list[Figure] = field(default_factory=list)
    sentence: str = ""
    no_data: str = ""  # set when the section's source has nothing for the period


@dataclass
class Sparkline:
    key: str
    label: str
    periods: list[str]  # 13 labels, oldest first
    values: list[float | None]
    words: str  # "up 12 % over 13 months (from 280 to 314)"


@dataclass
class Move:
    """One of the largest changes from the period before, ranked by its effect."""

    label: str
    words: str
    effect: float  # the rank: MRR behind it, else the size of the change
    link: str = ""


@dataclass
class LeadershipReport:
    kind: str  # month | quarter | week
    period: str
    title: str
    zone: str
    start: datetime
    end: datetime
    as_of: datetime
    previous: str
    last_year: str
    sections: list[Section]
    trends: list[Sparkline]
    moves: list[Move]
