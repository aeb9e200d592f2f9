"""The leadership report's renderers: Markdown, CSV (one row per figure), JSON (the API's) and
the server-side SVG sparklines. They read reports.leadership_figures and compute nothing."""

from __future__ import annotations

from dataclasses import asdict

from django.utils.html import escape

from sunrelay.lib import csvsafe
from sunrelay.reports.leadership_figures import LeadershipReport, Sparkline

CSV_HEADER = [
    "section", "figure", "value", "shown", "previous", "last_year", "population", "target",
    "target_met", "link",
]  # fmt: skip


def as_dict(report: LeadershipReport) -> dict:
    return asdict(report)


def csv_rows(report: LeadershipReport) -> list[list]:
    return [
        [
            s.key,
            f.label,
            f.value,
            f.shown,
            f.previous,
            f.last_year,
            f.population,
            f.target,
            _verdict(f),
            f.link,
        ]  # fmt: skip
        for s in report.sections
        for f in s.figures
    ]


def _verdict(f) -> str:
    return "" if f.met is None else ("met" if f.met else "missed")


def target_words(f) -> str:
    """ "≥ 95 %, met": the target and its verdict, for every output."""
    verdict = _verdict(f)
    return f"{f.target}, {verdict}" if f.target and verdict else f.target


def as_csv(report: LeadershipReport) -> str:
    return csvsafe.as_csv(CSV_HEADER, csv_rows(report))


def _label(f, base: str) -> str:
    """The figure's label, linked to the list of what it counts (absolute under `base`)."""
    return f"[{f.label}]({base.rstrip('/')}{f.link})" if f.link else f.label


def as_markdown(report: LeadershipReport, base: str = "") -> str:
    """`base`: the desk's address, so that the figures' links work from an e-mail."""
    year = f" | {report.last_year}" if report.last_year else ""
    lines = [f"# Leadership report: {report.title}", ""]
    for section in report.sections:
        lines += [f"## {section.title}", "", section.sentence or section.no_data, ""]
        if section.figures:
            lines.append(
                f"| Figure | {report.period} | {report.previous}{year} | Target | Population |"
            )
            lines.append("|---|---:|---:|" + ("---:|" if year else "") + "---|---|")
            for f in section.figures:
                last = f" | {f.last_year_shown}" if year else ""
                lines.append(
                    f"| {_label(f, base)} | {f.shown} | {f.previous_shown}{last} "
                    f"| {target_words(f)} | {f.population} |"
                )
            lines.append("")
    lines += ["## Trends", ""] + [f"- {t.label}: {t.words}." for t in report.trends] + [""]
    lines += ["## What changed most", ""] + [f"- {m.label}: {m.words}." for m in report.moves]
    return "\n".join(lines) + "\n"


def sparkline_svg(line: Sparkline, width: int = 130, height: int = 28) -> str:
    """A polyline of the known values, scaled to the box; a gap where a value is unknown."""
    known = [v for v in line.values if v is not None]
    top, bottom = (max(known), min(known)) if known else (1, 0)
    span = (top - bottom) or 1
    step = width / max(len(line.values) - 1, 1)
    points = " ".join(
        f"{i * step:.1f},{height - 2 - (v - bottom) / span * (height - 4):.1f}"
        for i, v in enumerate(line.values)
        if v is not None
    )
    return (
        f'<svg class="sparkline" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-label="{escape(line.label)}: {escape(line.words)}">'
        f'<polyline fill="none" stroke="currentColor" stroke-width="1.5" points="{points}"/></svg>'
    )
