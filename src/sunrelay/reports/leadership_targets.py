"""The leadership report's targets: which figures take one, setting one in words-checked
form (the desk page and the API both call set_target), and applying them to a report's
figures: the target in words and whether the figure meets it.

A target is for a figure key ("answered") and optionally one tier: ("answered",
"enterprise") applies to the figure "answered_enterprise". One query per report."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from sunrelay.reports import labels
from sunrelay.reports.leadership_figures import Figure, Section
from sunrelay.reports.leadership_sections import show
from sunrelay.reports.models import ReportTarget


@dataclass(frozen=True)
class Targetable:
    key: str
    label: str
    unit: str  # the figure's: share | minutes | count | dollars
    at_least: bool  # the usual direction: more is better
    tiers: bool = False  # also per tier


TARGETABLE = {
    t.key: t
    for t in (
        Targetable("answered", "Answered (of received)", "share", True, tiers=True),
        Targetable("first_reply_within", "First reply within SLA target", "share", True, True),
        Targetable("resolution_within", "Resolution within SLA target", "share", True, True),
        Targetable("first_reply", "First reply, mean (business minutes)", "minutes", False),
        Targetable("resolution", "Resolution, mean (business minutes)", "minutes", False),
        Targetable("breaches", "SLA breaches", "count", False),
        Targetable("backlog", "Unsolved at the end", "count", False),
        Targetable("backlog_old", "Unsolved older than 4 weeks", "count", False),
        Targetable("csat", "Rated good", "share", True, tiers=True),
        Targetable("csat_response", "CSAT response rate", "share", True),
        Targetable("uncovered_hours", "Hours with nobody on shift", "count", False),
        Targetable("pages", "Pages", "count", False),
        Targetable("after_hours", "After-hours pages per person paged", "count", False),
        Targetable("at_risk_mrr", "MRR at risk", "dollars", False),
        Targetable("technical_win", "Technical-win rate", "share", True),
        Targetable("over_budget", "Projects over budget", "count", False),
    )
}


def tiers() -> list[str]:
    return [t for t in labels.TIERS if t != labels.NO_ACCOUNT]


def set_target(key: str, tier: str, value, at_least: bool | None, user=None) -> ReportTarget:
    """Create or change the target of (key, tier); ValueError in words for anything else."""
    what = TARGETABLE.get(key)
    if what is None:
        raise ValueError(f"{key!r} takes no target; these do: {', '.join(TARGETABLE)}.")
    tier = (tier or "").strip()
    if tier and not what.tiers:
        raise ValueError(f"{what.label} takes one target for every tier, not one per tier.")
    if tier and tier not in tiers():
        raise ValueError(f"{tier!r} is not a tier: {', '.join(tiers())}.")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"The target {value!r} is not a number.") from None
    if number != number or number < 0:  # NaN or negative
        raise ValueError("A target is a number of zero or more.")
    if what.unit == "share" and number > 1:
        raise ValueError("A share is from 0 to 1 (0.95 for 95 %).")
    target, _ = ReportTarget.objects.update_or_create(
        key=key,
        tier=tier,
        defaults={
            "value": number,
            "at_least": what.at_least if at_least is None else at_least,
            "updated_at": timezone.now(),
            "updated_by": user,
        },
    )
    return target


def words(target: ReportTarget) -> str:
    """ "≥ 95 %", "≤ 10", "≤ 4 h" in the figure's unit."""
    unit = TARGETABLE[target.key].unit if target.key in TARGETABLE else "count"
    value = int(target.value) if unit == "count" and target.value.is_integer() else target.value
    return f"{'≥' if target.at_least else '≤'} {show(value, unit)}"


def met(target: ReportTarget, value: float | None) -> bool | None:
    if value is None:
        return None
    return value >= target.value if target.at_least else value <= target.value


def apply(sections: list[Section]) -> None:
    """Each figure with a target gets it in words and whether it is met (one query)."""
    by_figure = {(f"{t.key}_{t.tier}" if t.tier else t.key): t for t in ReportTarget.objects.all()}
    for section in sections:
        for f in section.figures:
            _apply(f, by_figure.get(f.key))


def _apply(f: Figure, target: ReportTarget | None) -> None:
    if target is None:
        return
    f.target = words(target)
    f.met = met(target, f.value)
