"""The pre-sales figures of a quarter, each against the quarter before and on its population:
win rate, technical-win rate, time from an SE request to the assignment and to the technical
win; overall and by SE, tier and product area (docs/presales.md, "Figures").

Who counts where:
- win rate: opportunities closed in the quarter (closed_at), won of closed; by the SE who
  owned it when it closed (a lost deal is shared: it counts against its SE too);
- technical-win rate: technical results recorded in the quarter (technical_at), wins of
  results, by the SE who owned it then;
- time to assignment: SE requests first answered by an assignment in the quarter
  (SeRequest.assigned_at), from requested_at, by the SE assigned then;
- time to technical win: technical wins in the quarter, from the opportunity's first SE
  request (opportunities won technically without a request are not timed).
An opportunity counts in each of its product areas; one without any under "No product area".
Durations are minutes. A fixed number of queries, however many rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Min, Q

from sunrelay.desk.models import ProductArea
from sunrelay.presales.models import Assignment, Opportunity, SeRequest, Stage, TechnicalResult
from sunrelay.reports import labels, names, stats, wording
from sunrelay.reports.quarters import Quarter

NO_SE = "none"
NO_AREA = "none"
DIMENSIONS = {"se": "SE", "tier": "Tier", "product_area": "Product area"}


@dataclass
class Rate:
    """`value` of `total` (won of closed), this quarter and the one before."""

    value: int
    total: int
    share: float | None
    previous: int
    previous_total: int
    previous_share: float | None


@dataclass
class Duration:
    """Minutes from one moment to another over `n` cases, this quarter and the one before."""

    n: int
    median: float | None
    mean: float | None
    previous_n: int
    previous_median: float | None
    previous_mean: float | None


@dataclass
class Figures:
    win_rate: Rate
    technical_win_rate: Rate
    to_assignment: Duration
    to_technical_win: Duration


@dataclass
class Row:
    key: str
    label: str
    figures: Figures


@dataclass
class Breakdown:
    dimension: str  # se | tier | product_area
    rows: list[Row]


@dataclass
class PresalesReport:
    quarter: str
    previous_quarter: str
    title: str
    start: datetime
    end: datetime
    overall: Figures
    sentences: list[str] = field(default_factory=list)
    breakdowns: list[Breakdown] = field(default_factory=list)


@dataclass
class _Fact:
    """One case of one figure: when it fell, what it measured, what it is grouped by."""

    at: datetime
    keys: dict[str, list[str]]
    hit: bool = False  # won / a technical win
    minutes: float | None = None


def _minutes(start: datetime, end: datetime) -> float:
    return max((end - start).total_seconds(), 0) / 60


def _rate(facts: list[_Fact], quarter: Quarter) -> Rate:
    now = [f for f in facts if quarter.contains(f.at)]
    before = [f for f in facts if quarter.previous().contains(f.at)]
    won, was = sum(f.hit for f in now), sum(f.hit for f in before)
    return Rate(
        won, len(now), stats.ratio(won, len(now)), was, len(before), stats.ratio(was, len(before))
    )


def _duration(facts: list[_Fact], quarter: Quarter) -> Duration:
    now = [f.minutes for f in facts if quarter.contains(f.at)]
    before = [f.minutes for f in facts if quarter.previous().contains(f.at)]
    return Duration(
        len(now),
        stats.median(now),
        stats.mean(now),
        len(before),
        stats.median(before),
        stats.mean(before),
    )


def _figures(kinds: dict[str, list[_Fact]], quarter: Quarter) -> Figures:
    return Figures(
        _rate(kinds["closed"], quarter),
        _rate(kinds["technical"], quarter),
        _duration(kinds["assigned"], quarter),
        _duration(kinds["technical_win"], quarter),
    )


def _keys(opportunity: dict, se_id: int | None, areas: dict[int, list[str]]) -> dict:
    return {
        "se": [str(se_id) if se_id else NO_SE],
        "tier": [opportunity["account__tier"] or labels.NO_ACCOUNT],
        "product_area": areas.get(opportunity["id"]) or [NO_AREA],
    }


def _facts(quarter: Quarter) -> dict[str, list[_Fact]]:
    since, until = quarter.previous().start, quarter.end
    fields = ("id", "se_id", "account__tier", "stage", "closed_at", "technical_result")
    in_range = Q(closed_at__gte=since, closed_at__lt=until) | Q(
        technical_at__gte=since, technical_at__lt=until
    )
    opportunities = {
        o["id"]: o for o in Opportunity.objects.filter(in_range).values(*fields, "technical_at")
    }
    requests = list(
        SeRequest.objects.filter(assigned_at__gte=since, assigned_at__lt=until).values(
            "opportunity_id", "requested_at", "assigned_at"
        )
    )
    wanted = set(opportunities) | {r["opportunity_id"] for r in requests}
    for o in Opportunity.objects.filter(pk__in=wanted - set(opportunities)).values(
        *fields, "technical_at"
    ):
        opportunities[o["id"]] = o
    first_asked = dict(
        SeRequest.objects.filter(opportunity_id__in=wanted)
        .values("opportunity_id")
        .annotate(first=Min("requested_at"))
        .values_list("opportunity_id", "first")
    )
    assigned_to = {
        (a["opportunity_id"], a["assigned_at"]): a["se_id"]
        for a in Assignment.objects.filter(opportunity_id__in=wanted).values(
            "opportunity_id", "assigned_at", "se_id"
        )
    }
    areas: dict[int, list[str]] = defaultdict(list)
    through = Opportunity.product_areas.through.objects.filter(opportunity_id__in=wanted)
    for opportunity_id, slug in through.values_list("opportunity_id", "productarea__slug"):
        areas[opportunity_id].append(slug)
    kinds: dict[str, list[_Fact]] = {k: [] for k in ("closed", "technical", "assigned")}
    kinds["technical_win"] = []
    for o in opportunities.values():
        keys = _keys(o, o["se_id"], areas)
        if o["closed_at"] and since <= o["closed_at"] < until:
            kinds["closed"].append(_Fact(o["closed_at"], keys, hit=o["stage"] == Stage.WON))
        at = o["technical_at"]
        if at and o["technical_result"] and since <= at < until:
            win = o["technical_result"] == TechnicalResult.WIN
            kinds["technical"].append(_Fact(at, keys, hit=win))
            if win and o["id"] in first_asked:
                minutes = _minutes(first_asked[o["id"]], at)
                kinds["technical_win"].append(_Fact(at, keys, minutes=minutes))
    for r in requests:
        se_id = assigned_to.get((r["opportunity_id"], r["assigned_at"]))
        keys = _keys(opportunities[r["opportunity_id"]], se_id, areas)
        minutes = _minutes(r["requested_at"], r["assigned_at"])
        kinds["assigned"].append(_Fact(r["assigned_at"], keys, minutes=minutes))
    return kinds


def _breakdown(
    dimension: str, kinds: dict[str, list[_Fact]], quarter: Quarter, label: Callable
) -> Breakdown:
    grouped: dict[str, dict[str, list[_Fact]]] = defaultdict(lambda: {k: [] for k in kinds})
    for kind, facts in kinds.items():
        for fact in facts:
            for key in fact.keys[dimension]:
                grouped[key][kind].append(fact)
    rows = [Row(key, label(key), _figures(found, quarter)) for key, found in grouped.items()]
    return Breakdown(dimension, rows)


def sentences(figures: Figures, previous: str) -> list[str]:
    """The overall figures in words, each with its population and its reference."""

    def rate(what: str, of: str, r: Rate) -> str:
        said = f"{what} on {r.value} of {r.total} {of}"
        said += f", {wording.percent(r.value, r.total)}" if r.total else ""
        return f"{said}; {previous} {r.previous} of {r.previous_total}."

    def time(what: str, d: Duration) -> str:
        now = f"median {wording.duration(d.median)} over {d.n}" if d.n else "none"
        before = (
            f"median {wording.duration(d.previous_median)} over {d.previous_n}"
            if d.previous_n
            else "none"
        )
        return f"{what}: {now}; {previous} {before}."

    return [
        rate("Won", "deals closed", figures.win_rate),
        rate("Technical win", "technical results", figures.technical_win_rate),
        time("From an SE request to its assignment", figures.to_assignment),
        time("From the first SE request to the technical win", figures.to_technical_win),
    ]


def compute(quarter: Quarter) -> PresalesReport:
    kinds = _facts(quarter)
    ses = {int(k) for f in sum(kinds.values(), []) for k in f.keys["se"] if k != NO_SE}
    people = names.user_names(ses)
    area_names = dict(ProductArea.objects.values_list("slug", "name"))
    labellers = {
        "se": lambda key: "No SE" if key == NO_SE else people.get(int(key), f"#{key}"),
        "tier": labels.tier,
        "product_area": lambda key: "No product area" if key == NO_AREA else area_names[key],
    }
    overall = _figures(kinds, quarter)
    previous = f"previous quarter ({quarter.previous().label})"
    breakdowns = [_breakdown(d, kinds, quarter, labellers[d]) for d in DIMENSIONS]
    tier_order = list(labels.TIERS)
    for b in breakdowns:
        if b.dimension == "tier":
            b.rows.sort(key=lambda row: tier_order.index(row.key) if row.key in tier_order else 99)
        else:
            b.rows.sort(key=lambda row: (row.key in (NO_SE, NO_AREA), row.label.lower()))
    return PresalesReport(
        quarter.label,
        quarter.previous().label,
        quarter.title(),
        quarter.start,
        quarter.end,
        overall,
        sentences(overall, previous),
        breakdowns,
    )
