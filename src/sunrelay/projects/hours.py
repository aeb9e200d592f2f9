"""The hours report of one month: rows by person, project, account or week, each against the
month before and its budget, with the month's total; the same figures for the page, the CSV
and the API (projects.rollup sums them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from sunrelay.projects import rollup
from sunrelay.projects.models import TimeEntry


@dataclass(frozen=True)
class HoursReport:
    by: str
    month: date  # its first day
    rows: list[rollup.Row]
    total: int  # minutes in the month: the rows add up to it
    reference: int  # minutes in the month before

    @property
    def over(self) -> list[rollup.Row]:
        return [r for r in self.rows if r.over]


def parse_month(text: str | None, today: date) -> date:
    """ "2025-03" as its first day; anything else is this month."""
    try:
        year, month = (int(part) for part in (text or "").split("-"))
        return date(year, month, 1) if 1970 <= year <= 2199 else today.replace(day=1)
    except ValueError:
        return today.replace(day=1)


def hours_report(entries: QuerySet[TimeEntry], by: str, month: date) -> HoursReport:
    start, end = rollup.month_span(month)
    before = rollup.previous_month(start)
    rows = rollup.report(entries, by, start, end, before)
    total = rollup.total(entries.filter(day__gte=start, day__lt=end))
    reference = rollup.total(entries.filter(day__gte=before, day__lt=start))
    return HoursReport(by, start, rows, total, reference)


CSV_HEADER = ["by", "key", "name", "minutes", "hours", "previous month minutes",
              "budget minutes", "budget used minutes", "over budget"]  # fmt: skip


def csv_rows(report: HoursReport) -> list[list]:
    rows = [
        [report.by, str(r.key or ""), r.label, r.minutes, rollup.minutes_hm(r.minutes),
         r.reference, "" if r.budget is None else r.budget,
         "" if r.spent is None else r.spent, "yes" if r.over else ""]
        for r in report.rows
    ]  # fmt: skip
    total = rollup.minutes_hm(report.total)
    rows.append([report.by, "", "Total", report.total, total, report.reference, "", "", ""])
    return rows
