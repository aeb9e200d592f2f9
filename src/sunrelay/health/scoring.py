"""The arithmetic of a health score, with no Django: fast to test, one home for the rules.

- A measure's points: linear between the value scoring 0 (`zero_at`) and the value scoring
  100 (`full_at`), clamped to 0–100; `zero_at` above `full_at` means less is better.
- A measure without a value (no ratings yet, no baseline) is left out; the others' weights
  are normalised among themselves.
- The overall score is the weighted mean of the points, rounded half up to one decimal; it is
  shown as a whole number (half up again: 40.1 → 40, 40.5 → 41).
- Bands on the shown score: red below `yellow_from`, yellow below `green_from`, else green
  (defaults 0–50, 51–75, 76–100).
- The trend is the shown score against the previous one: "up", "down" or "flat".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class Part:
    """One measure's share of a score."""

    measure: int
    label: str
    source: str
    value: float | None
    points: float | None
    weight: int
    window_days: int = 0

    def as_json(self) -> dict:
        return {
            "measure": self.measure,
            "label": self.label,
            "source": self.source,
            "value": self.value,
            "points": self.points,
            "weight": self.weight,
            "window_days": self.window_days,
        }

    @classmethod
    def from_json(cls, row: dict) -> Part:
        return cls(**{name: row.get(name) for name in cls.__dataclass_fields__})


def points(value: float | None, zero_at: float, full_at: float) -> float | None:
    """0–100 points for `value`, one decimal; None when the value is unknown."""
    if value is None:
        return None
    if zero_at == full_at:
        return 100.0 if value == full_at else 0.0
    share = (value - zero_at) / (full_at - zero_at)
    return round(min(1.0, max(0.0, share)) * 100, 1)


def overall(parts: Iterable[Part]) -> Decimal | None:
    """The weighted mean of the parts' points, one decimal; None when no part has points."""
    counted = [(p.points, p.weight) for p in parts if p.points is not None and p.weight > 0]
    total_weight = sum(weight for _, weight in counted)
    if not total_weight:
        return None
    mean = sum(Decimal(str(pts)) * weight for pts, weight in counted) / total_weight
    return mean.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def shown(score: Decimal) -> int:
    return int(score.quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def band(shown_score: int, yellow_from: int = 51, green_from: int = 76) -> str:
    if shown_score >= green_from:
        return "green"
    if shown_score >= yellow_from:
        return "yellow"
    return "red"


def trend(previous: int | None, current: int) -> str:
    if previous is None or previous == current:
        return "flat"
    return "up" if current > previous else "down"


ARROWS = {"up": "↑", "down": "↓", "flat": "→"}
