"""A score in words: each measure's reading, and what moved since the score before, with
numbers ("API calls fell 38 % week over week, 62 → 31 points"). Pure: parts in, text out."""

from __future__ import annotations

from datetime import date

from sunrelay.health.scoring import Part


def _count(n: float, one: str, many: str) -> str:
    return f"{n:,.0f} {one if n == 1 else many}"


def _renewal(v: float, days: int) -> str:
    if v >= days:
        return f"no renewal within {days} days"
    if v == 0:
        return "renews today"
    return "renews in " + _count(v, "day", "days")


# Sources whose change reads better as the new reading than as a percentage ("renews in 12
# days", not "fell 60 %").
READ_WHEN_MOVED = frozenset({"renewal"})


def reading(part: Part) -> str:
    """What the measure's value says, in words."""
    v, days = part.value, part.window_days
    if v is None:
        return "no data yet (left out of the score)"
    words = {
        "usage": lambda: f"{v:,.0f} in the last {days} days",
        "ticket_volume": lambda: f"{v:,.0f} % of its usual tickets for {days} days",
        "sla_breaches": lambda: _count(v, "SLA breach", "SLA breaches") + f" in {days} days",
        "reopen_rate": lambda: f"{v:,.1f} % of solves reopened in {days} days",
        "bug_tickets": lambda: _count(v, "ticket", "tickets") + f" linked to a bug in {days} days",
        "csat": lambda: f"{v:,.0f} % good ratings in {days} days",
        "mrr_change": lambda: f"MRR {v:+,.1f} % over {days} days",
        "renewal": lambda: _renewal(v, days),
    }
    return words.get(part.source, lambda: f"{v:,g}")()


def period(previous: date, current: date) -> str:
    gap = (current - previous).days
    if gap == 1:
        return "day over day"
    if gap == 7:
        return "week over week"
    return f"since {previous:%-d %b %Y}"


def _points(p: float | None) -> str:
    return "—" if p is None else f"{p:.0f}"


def moved(
    before: list[Part], after: list[Part], previous_day: date, current_day: date
) -> list[str]:
    """One sentence per measure whose value or points changed, in the scorecard's order."""
    old = {part.measure: part for part in before}
    when = period(previous_day, current_day)
    sentences = []
    for part in after:
        was = old.get(part.measure)
        if was is None or (was.value == part.value and was.points == part.points):
            continue
        points = f"{_points(was.points)} → {_points(part.points)} points"
        if was.value is None or part.value is None or part.source in READ_WHEN_MOVED:
            sentences.append(f"{part.label}: {reading(part)}, {points}")
            continue
        verb = "rose" if part.value > was.value else "fell"
        if part.value == was.value:
            sentences.append(f"{part.label} unchanged at {part.value:,g}, {points}")
        elif was.value:
            change = abs(part.value - was.value) / abs(was.value) * 100
            sentences.append(f"{part.label} {verb} {change:,.0f} % {when}, {points}")
        else:
            sentences.append(
                f"{part.label} {verb} from {was.value:,g} to {part.value:,g} {when}, {points}"
            )
    return sentences
