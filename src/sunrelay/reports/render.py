"""The weekly report as JSON, Markdown, CSV and HTML: renderers only, never a computation.
The page, the e-mail, the CLI and the API all come through here from one WeeklyReport."""

from __future__ import annotations

import dataclasses
import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string

from sunrelay.lib import csvsafe
from sunrelay.reports import charts, tables
from sunrelay.reports.cells import Table, cell_csv, cell_text
from sunrelay.reports.figures import WeeklyReport

CSV_SUFFIX = {"minutes": "_min", "signed_minutes": "_min", "share": "_pct"}


def as_dict(report: WeeklyReport) -> dict:
    return dataclasses.asdict(report)


def as_json(report: WeeklyReport, indent: int | None = 2) -> str:
    """Times in UTC as ISO 8601 ("2026-11-16T00:00:00Z"), durations in minutes, shares 0-1."""
    return json.dumps(as_dict(report), cls=DjangoJSONEncoder, indent=indent, ensure_ascii=False)


def as_csv(table: Table) -> str:
    """One table for a spreadsheet, through lib.csvsafe (cells that start like formulas are
    escaped)."""
    return csvsafe.as_csv(
        [c.key + CSV_SUFFIX.get(c.kind, "") for c in table.columns],
        (
            [cell_csv(v, c.kind) for v, c in zip(row, table.columns, strict=True)]
            for row in table.rows
        ),
    )


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def as_markdown(report: WeeklyReport) -> str:
    zone = report.zone
    lines = [
        f"# Weekly support review: {report.title}",
        "",
        f"{report.week} ({zone} week), compared with {report.previous_week}."
        + (f" Filters: {report.filters.description}." if report.filters.description else ""),
        "",
        *[f"- {sentence}" for sentence in report.summary],
    ]
    for table in tables.all_tables(report):
        lines += ["", f"## {table.title}", ""]
        if not table.rows:
            lines.append("None this week.")
            continue
        lines.append("| " + " | ".join(_md_cell(c.label) for c in table.columns) + " |")
        lines.append(
            "|"
            + "|".join(
                "---:" if c.kind not in ("text", "time", "ticket") else "---" for c in table.columns
            )
            + "|"
        )
        for row in table.rows:
            cells = [cell_text(v, c.kind, zone) for v, c in zip(row, table.columns, strict=True)]
            lines.append("| " + " | ".join(_md_cell(t) for t in cells) + " |")
        if table.note:
            lines += ["", f"_{table.note}_"]
    return "\n".join(lines) + "\n"


@dataclasses.dataclass
class TableView:
    name: str
    title: str
    note: str
    headers: list[tuple[str, bool]]  # (label, numeric)
    rows: list[list[tuple[str, bool, str]]]  # (text, numeric, link or "")
    # The column comparing with the week before (a "signed" kind), -1 without one: the page
    # keeps it in sight while the table scrolls sideways.
    change_column: int = -1


def table_views(report: WeeklyReport, base_url: str = "") -> list[TableView]:
    """The tables as the HTML templates show them; ticket ids link to `base_url` + the
    ticket's page."""
    views = []
    for table in tables.all_tables(report):
        numeric = [c.kind not in ("text", "time", "ticket") for c in table.columns]
        views.append(
            TableView(
                name=table.name,
                title=table.title,
                note=table.note,
                headers=[(c.label, n) for c, n in zip(table.columns, numeric, strict=True)],
                rows=[
                    [
                        (
                            cell_text(v, c.kind, report.zone),
                            n,
                            f"{base_url}/desk/tickets/{v}/" if c.kind == "ticket" else "",
                        )
                        for v, c, n in zip(row, table.columns, numeric, strict=True)
                    ]
                    for row in table.rows
                ],
                change_column=next(
                    (i for i, c in enumerate(table.columns) if c.kind.startswith("signed")), -1
                ),
            )
        )
    return views


def _is_main(view: TableView) -> bool:
    return "_by_" not in view.name and view.name != "coverage"


def html_context(report: WeeklyReport, base_url: str = "") -> dict:
    """What the page and the e-mail template both render: the same sentences, charts and
    tables."""
    views = table_views(report, base_url)
    return {
        "report": report,
        "charts": charts.all_charts(report),
        "main_tables": [v for v in views if _is_main(v)],
        "breakdown_tables": [v for v in views if "_by_" in v.name],
        "coverage_table": next(v for v in views if v.name == "coverage"),
    }


def as_html(report: WeeklyReport, link: str = "") -> str:
    """A standalone HTML document with everything (`--format html`); `link` to the page."""
    base_url = settings.BASE_URL.rstrip("/") if link else ""
    return render_to_string(
        "reports/weekly_document.html", {**html_context(report, base_url), "page_link": link}
    )


# Mail clients clip long messages (Gmail beyond about 100 KB) and most do not draw SVG: the
# e-mail leaves the charts, the trend and the breakdowns to the page, and shortens long lists.
EMAIL_LEAVES_OUT = ("trend",)
EMAIL_ROWS = 20


def _shortened(table: TableView) -> TableView:
    more = len(table.rows) - EMAIL_ROWS
    if more <= 0:
        return table
    note = f"The first {EMAIL_ROWS}; {more} more in the full report."
    return dataclasses.replace(
        table, rows=table.rows[:EMAIL_ROWS], note=f"{note} {table.note}".strip()
    )


def as_email_html(report: WeeklyReport, link: str) -> str:
    """The weekly e-mail: the summary and the main tables, linking to the page for the rest."""
    # Only the tables: the charts are the page's.
    views = table_views(report, settings.BASE_URL.rstrip("/"))
    tables = [_shortened(v) for v in views if _is_main(v) and v.name not in EMAIL_LEAVES_OUT]
    return render_to_string(
        "reports/weekly_email.html",
        {"report": report, "email_tables": tables, "page_link": link},
    )
