"""The report's charts as SVG text, drawn on the server: no JavaScript, readable in an e-mail
client that shows SVG and in any browser. No database access: they draw the report's data.

Every mark carries a <title> with its numbers (shown on hover), and each chart has a title
and a description for screen readers; the same numbers are in the tables and their CSV.
"""

from __future__ import annotations

import math
from html import escape

from sunrelay.reports import labels, wording

# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999999")
INK, GRID, MUTED = "#1f2933", "#d9dee3", "#5f6b76"
FONT = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif" font-size="11"'
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def nice_ceiling(value: float) -> float:
    """The smallest 1, 2 or 5 times a power of ten at or above `value` (at least 1)."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power


def count_ceiling(value: float) -> int:
    """A top for a count axis whose four grid steps are round whole numbers (1, 2, 2.5 or 5
    times a power of ten, at least 1): 930 -> 1,000 with steps of 250."""
    quarter = max(value, 1) / 4
    power = 10 ** math.floor(math.log10(quarter)) if quarter >= 1 else 1
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= quarter and float(step * power).is_integer():
            return int(4 * step * power)
    return int(40 * power)


def _open(width: int, height: int, title: str, description: str, ident: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="{ident}-t {ident}-d" class="chart" {FONT}>',
        f'<title id="{ident}-t">{escape(title)}</title>',
        f'<desc id="{ident}-d">{escape(description)}</desc>',
    ]


def _y_axis(parts, left, top, width, height, top_value, label, fmt=lambda v: f"{v:g}") -> None:
    for i in range(5):
        value = top_value * i / 4
        y = top + height - height * i / 4
        parts.append(
            f'<line x1="{left}" x2="{left + width}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
        )
        parts.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{MUTED}">'
            f"{escape(fmt(value))}</text>"
        )
    parts.append(f'<text x="{left}" y="{top - 10}" fill="{MUTED}">{escape(label)}</text>')


def _legend(parts, items: list[tuple[str, str]], x: float, y: float, dashed=()) -> None:
    for name, colour in items:
        if name in dashed:
            parts.append(
                f'<line x1="{x}" x2="{x + 16}" y1="{y - 4}" y2="{y - 4}" stroke="{colour}" '
                'stroke-width="2" stroke-dasharray="4 3"/>'
            )
        else:
            parts.append(f'<rect x="{x}" y="{y - 9}" width="16" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{x + 21}" y="{y}" fill="{INK}">{escape(name)}</text>')
        x += 30 + 6.5 * len(name)


def response_time_trend(trend) -> str:
    """Mean and median first reply (business time) per week."""
    width, height, left, top, right, bottom = 720, 250, 56, 34, 16, 52
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [v for p in trend for v in (p.first_reply_mean, p.first_reply_median) if v is not None]
    top_hours = nice_ceiling(max([v / 60 for v in values] + [1]))
    parts = _open(
        width,
        height,
        "First reply time by week (business time)",
        "Mean and median first reply per week, in hours of business time",
        "trend",
    )
    _y_axis(parts, left, top, plot_w, plot_h, top_hours, "hours", lambda v: f"{v:g}")
    step = plot_w / max(len(trend), 1)

    def xy(i, minutes):
        return left + step * (i + 0.5), top + plot_h - plot_h * (minutes / 60) / top_hours

    for series, colour, dash in (
        ("first_reply_mean", PALETTE[0], ""),
        ("first_reply_median", PALETTE[1], ' stroke-dasharray="5 4"'),
    ):
        points = [
            (i, getattr(p, series)) for i, p in enumerate(trend) if getattr(p, series) is not None
        ]
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in (xy(i, v) for i, v in points))
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>'
            )
        for i, v in points:
            x, y = xy(i, v)
            name = "mean" if series.endswith("mean") else "median"
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"><title>'
                f"{escape(trend[i].week)}: {name} {wording.duration(v)} over "
                f"{trend[i].first_reply_n:,} first replies</title></circle>"
            )
    for i, p in enumerate(trend):
        x = left + step * (i + 0.5)
        parts.append(
            f'<text x="{x:.1f}" y="{top + plot_h + 16}" text-anchor="middle" fill="{MUTED}">'
            f"W{p.week[-2:]}</text>"
        )
    _legend(parts, [("mean", PALETTE[0]), ("median", PALETTE[1])], left, height - 10, ("median",))
    parts.append("</svg>")
    return "\n".join(parts)


def volume_by_tier(trend) -> str:
    """Tickets received per week, stacked by tier."""
    width, height, left, top, right, bottom = 720, 250, 56, 34, 16, 52
    plot_w, plot_h = width - left - right, height - top - bottom
    tiers = [t for t in labels.TIERS if any(p.by_tier.get(t) for p in trend)]
    colours = {t: PALETTE[i % len(PALETTE)] for i, t in enumerate(labels.TIERS)}
    top_value = count_ceiling(max([p.received for p in trend] + [1]))
    parts = _open(
        width,
        height,
        "Tickets received by week and tier",
        "Stacked bars: tickets received each week, one colour per account tier",
        "volume",
    )
    _y_axis(parts, left, top, plot_w, plot_h, top_value, "tickets", lambda v: f"{v:,.0f}")
    step = plot_w / max(len(trend), 1)
    bar = step * 0.7
    for i, p in enumerate(trend):
        x = left + step * i + (step - bar) / 2
        base = top + plot_h
        for tier in tiers:
            n = p.by_tier.get(tier, 0)
            if not n:
                continue
            h = plot_h * n / top_value
            base -= h
            parts.append(
                f'<rect x="{x:.1f}" y="{base:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                f'fill="{colours[tier]}"><title>{escape(p.week)}: {n:,} {escape(labels.tier(tier))} '
                f"of {p.received:,}</title></rect>"
            )
        parts.append(
            f'<text x="{x + bar / 2:.1f}" y="{top + plot_h + 16}" text-anchor="middle" '
            f'fill="{MUTED}">W{p.week[-2:]}</text>'
        )
    _legend(parts, [(labels.tier(t), colours[t]) for t in tiers], left, height - 10)
    parts.append("</svg>")
    return "\n".join(parts)


def coverage(cov) -> str:
    """Above: tickets received in each hour of the week. Below: people on shift in each
    hour, stacked by region. Hours are the report zone's."""
    width, left, right = 760, 44, 12
    top, arrivals_h, gap, staff_h, bottom = 30, 110, 46, 110, 40
    height = top + arrivals_h + gap + staff_h + bottom
    plot_w = width - left - right
    step = plot_w / 168
    parts = _open(
        width,
        height,
        f"Arrivals by hour of the week against staff on shift ({cov.zone})",
        "Upper bars: tickets received in each hour of the week. Lower bars: people on shift "
        "in that hour, stacked by region.",
        "coverage",
    )
    top_arrivals = count_ceiling(max(cov.arrivals + [1]))
    _y_axis(parts, left, top, plot_w, arrivals_h, top_arrivals, "tickets received per hour")
    for h, n in enumerate(cov.arrivals):
        if n:
            bh = arrivals_h * n / top_arrivals
            parts.append(
                f'<rect x="{left + step * h:.1f}" y="{top + arrivals_h - bh:.1f}" '
                f'width="{max(step - 0.6, 0.6):.1f}" height="{bh:.1f}" fill="{MUTED}">'
                f"<title>{DAYS[h // 24]} {h % 24:02d}:00: {n:,} received</title></rect>"
            )
    staff_top = top + arrivals_h + gap
    totals = [sum(line.staff[h] for line in cov.regions) for h in range(168)]
    top_staff = count_ceiling(max(totals + [1]))
    _y_axis(parts, left, staff_top, plot_w, staff_h, top_staff, "people on shift")
    colours = [PALETTE[i % len(PALETTE)] for i in range(len(cov.regions))]
    for h in range(168):
        base = staff_top + staff_h
        for line, colour in zip(cov.regions, colours, strict=True):
            n = line.staff[h]
            if not n:
                continue
            bh = staff_h * n / top_staff
            base -= bh
            parts.append(
                f'<rect x="{left + step * h:.1f}" y="{base:.1f}" width="{max(step - 0.6, 0.6):.1f}" '
                f'height="{bh:.1f}" fill="{colour}"><title>{DAYS[h // 24]} {h % 24:02d}:00: '
                f"{n} on shift in {escape(line.label)}</title></rect>"
            )
    for day in range(7):
        x = left + step * day * 24
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{staff_top + staff_h}" stroke="{GRID}"/>'
        )
        parts.append(
            f'<text x="{x + step * 12:.1f}" y="{staff_top + staff_h + 16}" text-anchor="middle" '
            f'fill="{MUTED}">{DAYS[day]}</text>'
        )
    _legend(
        parts,
        [(line.label, c) for line, c in zip(cov.regions, colours, strict=True)],
        left,
        height - 6,
    )
    parts.append("</svg>")
    return "\n".join(parts)


def all_charts(report) -> dict[str, str]:
    return {
        "trend": response_time_trend(report.trend),
        "volume": volume_by_tier(report.trend),
        "coverage": coverage(report.coverage),
    }
