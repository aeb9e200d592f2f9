"""The leadership report's sections from the figures of three periods (this one, the one
before, the same one a year earlier): a few figures each, with their references and
population, and one sentence. Pure Python over reports.leadership_tickets and
reports.leadership_sources; no database."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from sunrelay.reports import labels, stats, wording
from sunrelay.reports.leadership_figures import Figure, Section
from sunrelay.reports.leadership_tickets import TicketFigures

NONE = "–"


def money(value) -> str:
    return f"${Decimal(value or 0):,.0f}"


def show(value, unit: str) -> str:
    if value is None:
        return NONE
    if unit == "minutes":
        return wording.duration(value)
    if unit == "share":
        return f"{wording.whole(100 * value)} %"
    if unit == "dollars":
        return money(value)
    return f"{value:,}" if isinstance(value, int) else f"{value:,.1f}"


def figure(key, label, values, unit="count", population="", target="", link="", better="up"):
    """values: (this period, the period before, a year earlier or None without history)."""
    now, before, year = values
    return Figure(
        key,
        label,
        now,
        unit,
        show(now, unit),
        before,
        show(before, unit),
        year,
        show(year, unit),
        population,
        target,
        link,
        better,
    )


def change_words(now, before, unit: str, reference: str) -> str:
    """ "up 12 % from 280 the month before": the direction and size in words."""
    if now is None or before is None:
        return f"nothing to compare with {reference}"
    if now == before:
        return f"unchanged from {reference}"
    direction = "up" if now > before else "down"
    if unit == "share":
        size = f"{abs(wording.whole(100 * (now - before)))} points"
    elif unit == "minutes":
        size = wording.duration(abs(now - before))
    elif before:
        size = f"{wording.whole(100 * abs(now - before) / abs(before))} %"
    else:
        size = f"{show(abs(now - before), unit)}"
    return f"{direction} {size} from {show(before, unit)} {reference}"


Three = tuple[TicketFigures, TicketFigures, TicketFigures | None]


def _of(three: Three, get: Callable[[TicketFigures], object]):
    now, before, year = three
    return get(now), get(before), get(year) if year is not None else None


def volume(three: Three, ref: str, search: Callable[[str], str]) -> Section:
    now = three[0]
    received = _of(three, lambda f: sum(f.received.values()))
    answered = _of(three, lambda f: stats.ratio(sum(f.answered.values()), sum(f.received.values())))
    figures = [
        figure("received", "Tickets received", received, link=search("")),
        figure(
            "answered",
            "Answered (of received)",
            answered,
            "share",
            f"{sum(now.answered.values()):,} of {received[0]:,} received",
            link=search(""),
        ),
    ]
    for tier in labels.TIERS:
        if now.received.get(tier) or three[1].received.get(tier):
            figures.append(
                figure(
                    f"answered_{tier}",
                    f"{labels.tier(tier)} answered",
                    _of(three, lambda f, t=tier: stats.ratio(f.answered[t], f.received[t])),
                    "share",
                    f"{now.answered[tier]:,} of {now.received[tier]:,} received",
                    link=search(f"tier:{tier}"),
                )
            )
    if not received[0] and not received[1]:
        return Section("volume", "Volume and answered rate", figures, "", "No tickets received.")
    sentence = (
        f"{received[0]:,} tickets received, {change_words(received[0], received[1], 'count', ref)}; "
        f"{wording.percent(sum(now.answered.values()), received[0])} answered."
    )
    return Section("volume", "Volume and answered rate", figures, sentence)


def times(three: Three, ref: str, key_tiers: list[str]) -> Section:
    figures = []
    for metric, what in (("first_reply", "First reply"), ("resolution", "Resolution")):
        mean = _of(three, lambda f, m=metric: getattr(f, m).get("") and getattr(f, m)[""].mean)
        timed = getattr(three[0], metric).get("")
        within = _of(three, lambda f, m=metric: _within(getattr(f, m).get("")))
        figures.append(
            figure(
                metric,
                f"{what}, mean (business time)",
                mean,
                "minutes",
                f"{timed.n:,} measured" if timed else "none measured",
                better="down",
            )
        )
        figures.append(
            figure(
                f"{metric}_within",
                f"{what} within SLA target",
                within,
                "share",
                f"{timed.met:,} of {timed.with_target:,} with a target" if timed else "",
                target="the SLA policy's target",
            )
        )
        for tier in key_tiers:
            tier_timed = getattr(three[0], metric).get(tier)
            if tier_timed:
                figures.append(
                    figure(
                        f"{metric}_within_{tier}",
                        f"{what} within target, {labels.tier(tier)}",
                        _of(three, lambda f, m=metric, t=tier: _within(getattr(f, m).get(t))),
                        "share",
                        f"{tier_timed.met:,} of {tier_timed.with_target:,} with a target",
                    )
                )
    first = three[0].first_reply.get("")
    if not first:
        return Section("times", "Reply and resolution against SLA", figures, "", "No replies.")
    sentence = (
        f"First replies took {wording.duration(first.mean or 0)} on average, "
        f"{change_words(figures[0].value, figures[0].previous, 'minutes', ref)}; "
        f"{first.met:,} of {first.with_target:,} within target."
    )
    return Section("times", "Reply and resolution against SLA", figures, sentence)


def _within(timed) -> float | None:
    return stats.ratio(timed.met, timed.with_target) if timed else None


def breaches(three: Three, ref: str, search: Callable[[str], str]) -> Section:
    now = three[0]
    count = _of(three, lambda f: f.breaches)
    figures = [
        figure(
            "breaches",
            "SLA breaches",
            count,
            population=f"{len(now.breached_tickets):,} tickets",
            link=search("sla:breached"),
            better="down",
        )
    ]
    for metric, _ in sorted(now.breaches_by_metric.items(), key=lambda kv: -kv[1]):
        figures.append(
            figure(
                f"breaches_{metric}",
                f"Breaches of {labels.METRICS.get(metric, metric).lower()}",
                _of(three, lambda f, m=metric: f.breaches_by_metric[m]),
                better="down",
            )
        )
    for cause, _ in now.causes.most_common(3):
        figures.append(
            figure(
                f"cause_{cause}",
                f"Solved, cause: {labels.CAUSES.get(cause, cause).lower()}",
                _of(three, lambda f, c=cause: f.causes[c]),
                population=f"of {now.solved:,} solved",
            )
        )
    sentence = f"{wording.plural(count[0], 'SLA breach', 'SLA breaches')}, " + change_words(
        count[0], count[1], "count", ref
    )
    if now.causes:
        cause, n = now.causes.most_common(1)[0]
        sentence += (
            f"; the most common cause of the {now.solved:,} solved tickets was "
            f"{labels.CAUSES.get(cause, cause).lower()} ({n:,})"
        )
    return Section("breaches", "Breaches and their causes", figures, sentence + ".")


def backlog(three: Three, ref: str, search: Callable[[str], str]) -> Section:
    count = _of(three, lambda f: f.backlog)
    figures = [
        figure(
            "backlog", "Unsolved at the end", count, link=search("status:unsolved"), better="down"
        ),
        figure(
            "backlog_old",
            "Of them older than 4 weeks",
            _of(three, lambda f: f.backlog_old),
            population=f"of {count[0]:,} unsolved",
            better="down",
        ),
        figure(
            "backlog_age",
            "Median age of the unsolved",
            _of(three, lambda f: f.backlog_median_age),
            "minutes",
            population=f"of {count[0]:,} unsolved",
            better="down",
        ),
    ]
    sentence = (
        f"{count[0]:,} tickets unsolved at the end, {change_words(count[0], count[1], 'count', ref)}; "
        f"{three[0].backlog_old:,} of them older than 4 weeks."
    )
    return Section("backlog", "Backlog age", figures, sentence)


def csat(three: Three, ref: str) -> Section:
    now = three[0]
    rated = sum(now.csat_rated.values())
    good = _of(three, lambda f: stats.ratio(sum(f.csat_good.values()), sum(f.csat_rated.values())))
    figures = [
        figure(
            "csat",
            "Rated good",
            good,
            "share",
            f"{sum(now.csat_good.values()):,} of {rated:,} rated",
        ),
        figure(
            "csat_response",
            "Response rate",
            _of(
                three, lambda f: stats.ratio(sum(f.csat_rated.values()), sum(f.csat_asked.values()))
            ),
            "share",
            f"{rated:,} of {sum(now.csat_asked.values()):,} asked",
        ),
    ]
    for tier in labels.TIERS:
        if now.csat_rated.get(tier):
            figures.append(
                figure(
                    f"csat_{tier}",
                    f"{labels.tier(tier)} rated good",
                    _of(three, lambda f, t=tier: stats.ratio(f.csat_good[t], f.csat_rated[t])),
                    "share",
                    f"{now.csat_good[tier]:,} of {now.csat_rated[tier]:,} rated",
                )
            )
    if not sum(now.csat_asked.values()):
        return Section("csat", "Customer satisfaction", figures, "", "No surveys in the period.")
    sentence = (
        f"{wording.percent(sum(now.csat_good.values()), rated)} of {rated:,} ratings good, "
        f"{change_words(good[0], good[1], 'share', ref)}."
    )
    return Section("csat", "Customer satisfaction", figures, sentence)
