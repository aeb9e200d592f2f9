"""The sentences a lead pastes into a message, from the report's figures alone (no database).

Every figure comes with its reference (the week before, the target) and every share with
its population ("19 of 24"). No adjective stands without the numbers behind it, an empty
period is said in words ("No tickets received"), and nothing is divided by zero.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from sunrelay.lib.formatting import short_subject
from sunrelay.reports import labels
from sunrelay.reports.figures import Count, Timing

DAY_MINUTES = 24 * 60


def whole(value: float) -> int:
    """Half up, as people round (2.5 -> 3), not to even."""
    return int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def duration(minutes: float) -> str:
    """A duration to the minute: "45 min", "4 h", "7 h 13 min", "2 d 4 h 13 min"."""
    total = whole(max(minutes, 0))
    if total < 60:
        return f"{total} min"
    hours, mins = divmod(total, 60)
    days, hours = divmod(hours, 24) if hours >= 48 else (0, hours)
    parts = [f"{days} d"] if days else []
    parts += [f"{hours} h"] if hours else []
    parts += [f"{mins} min"] if mins else []
    return " ".join(parts)


def percent(n: int, total: int) -> str:
    """ "93 %"; never "100 %" unless all, never "0 %" unless none."""
    if not total:
        return "no population"
    value = whole(100 * n / total)
    if n < total:
        value = min(value, 99)
    if n > 0:
        value = max(value, 1)
    return f"{value} %"


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def article(spelled: str) -> str:
    """ "a 4 h", "an 8 h", "an 11 h", "an 18 min": by how the number is said."""
    number = spelled.split(" ", 1)[0]
    vowel = number.startswith("8") or (len(number) in (2, 5) and number[:2] in ("11", "18"))
    return "an" if vowel else "a"


def more_or_fewer(change: int, what: str = "the week before") -> str:
    if change > 0:
        return f"{change:,} more than {what}"
    if change < 0:
        return f"{-change:,} fewer than {what}"
    return f"as many as {what}"


# -- the sentences --------------------------------------------------------------------------


def volume(received: Count, answered: Count) -> str:
    """ "Answered 308 of 331 tickets received (93 %), 12 more than the week before." """
    if received.value == 0:
        if received.previous == 0:
            return "No tickets received this week or the week before."
        return f"No tickets received this week ({received.previous:,} the week before)."
    return (
        f"Answered {answered.value:,} of {plural(received.value, 'ticket')} received "
        f"({percent(answered.value, received.value)}), {more_or_fewer(answered.change)}."
    )


def _targets(timing: Timing) -> str:
    if not timing.targets:
        return "with no SLA target"
    if len(timing.targets) == 1:
        spelled = duration(timing.targets[0])
        return f"against {article(spelled)} {spelled} target"
    spelled = [duration(t) for t in timing.targets]
    return f"against targets of {labels.join_words(spelled)}"


def _within(timing: Timing) -> str:
    if not timing.with_target:
        return ""
    return f" ({timing.met:,} of {timing.with_target:,} within target)"


def first_reply(first: Timing, key: Timing, key_tiers: list[str]) -> str:
    """ "Average first reply 7 h 13 min (previous 8 h 2 min); Enterprise and Partner 5 h 5 min
    against a 4 h target (19 of 24 within target)." (business time)"""
    group = labels.join_words([labels.tier(t) for t in key_tiers])
    now, before = first.business.mean, first.previous_business.mean
    if now is None:
        if before is None:
            return "No first replies this week or the week before."
        return f"No first replies this week (previous average {duration(before)})."
    reference = f"previous {duration(before)}" if before is not None else "none the week before"
    sentence = f"Average first reply {duration(now)} ({reference})"
    if group:
        if key.business.mean is None:
            sentence += f"; no first replies to {group} tickets"
        else:
            sentence += f"; {group} {duration(key.business.mean)} {_targets(key)}{_within(key)}"
    return sentence + "."


def other_times(next_reply: Timing, resolution: Timing, solved: int) -> str:
    """ "Median next reply 2 h 5 min (previous 3 h); median resolution 1 d 4 h over 290
    tickets solved (previous 1 d 6 h)." """
    parts = []
    for name, timing, population in (
        ("next reply", next_reply, ""),
        ("resolution", resolution, f" over {plural(resolution.business.n, 'ticket')} solved"),
    ):
        now, before = timing.business.median, timing.previous_business.median
        if now is None:
            parts.append(f"no {name} this week")
            continue
        reference = f"previous {duration(before)}" if before is not None else "none the week before"
        parts.append(f"median {name} {duration(now)}{population} ({reference})")
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


def solved_and_backlog(solved: Count, backlog: Count, old: int) -> str:
    """ "Solved 290 tickets (previous 301); 118 unsolved at the end of the week (previous 124),
    21 of them received more than a week before." """
    first = (
        f"Solved {plural(solved.value, 'ticket')} (previous {solved.previous:,})"
        if solved.value
        else f"No tickets solved (previous {solved.previous:,})"
    )
    if backlog.value == 0:
        second = f"no tickets unsolved at the end of the week (previous {backlog.previous:,})"
    else:
        second = (
            f"{backlog.value:,} unsolved at the end of the week (previous {backlog.previous:,}), "
            f"{old:,} of them received more than a week before"
        )
    return f"{first}; {second}."


def sla(met: Count, breaches: Count, by_metric: dict[str, int]) -> str:
    """ "SLA targets met 231 of 250 times (92 %), previous 220 of 245 (90 %); 19 targets
    breached during the week (8 first reply, 11 resolution), previous 25." """
    if not met.total:
        first = "No SLA clocks stopped this week"
        if met.previous_total:
            first += f" (previous {met.previous:,} of {met.previous_total:,} met)"
    else:
        previous = (
            f"previous {met.previous:,} of {met.previous_total:,} "
            f"({percent(met.previous, met.previous_total)})"
            if met.previous_total
            else "none the week before"
        )
        first = (
            f"SLA targets met {met.value:,} of {met.total:,} times "
            f"({percent(met.value, met.total)}), {previous}"
        )
    if breaches.value:
        detail = ", ".join(
            f"{n:,} {labels.METRICS.get(m, m).lower()}" for m, n in by_metric.items()
        )
        second = (
            f"{plural(breaches.value, 'target')} breached during the week ({detail}), "
            f"previous {breaches.previous:,}"
        )
    else:
        second = f"no target breached during the week (previous {breaches.previous:,})"
    return f"{first}; {second}."


def reopens(rate: Count, reopened: Count) -> str:
    """ "9 of the 290 tickets solved (3 %) had been reopened (previous 2 %); 14 tickets
    reopened during the week." """
    if not rate.total:
        first = "No tickets solved, so no reopen rate"
    else:
        previous = (
            f"previous {percent(rate.previous, rate.previous_total)}"
            if rate.previous_total
            else "none solved the week before"
        )
        first = (
            f"{rate.value:,} of the {plural(rate.total, 'ticket')} solved "
            f"({percent(rate.value, rate.total)}) had been reopened ({previous})"
        )
    return f"{first}; {plural(reopened.value, 'ticket')} reopened during the week."


def causes(shares, bug_linked: Count) -> str:
    """ "Causes of the 290 tickets solved: question 120 (41 %), …; 45 linked to a bug." """
    total = bug_linked.total or 0
    if not total:
        return "No tickets solved, so no cause mix."
    parts = [
        f"{s.label.lower()} {s.value:,} ({percent(s.value, total)})"
        for s in sorted(shares, key=lambda s: -s.value)
        if s.value
    ]
    return (
        f"Causes of the {plural(total, 'ticket')} solved: {', '.join(parts)}; "
        f"{bug_linked.value:,} linked to a bug."
    )


def handoffs(count: Count, routes) -> str:
    if not count.value:
        before = f"{count.previous:,} the week before" if count.previous else "none the week before"
        return f"No tickets handed off between regions ({before})."
    detail = ", ".join(f"{r.from_region} → {r.to_region} {r.value:,}" for r in routes if r.value)
    return (
        f"{plural(count.value, 'hand-off')} between regions (previous {count.previous:,}): "
        f"{detail}."
    )


def interesting(items, shown: int = 5, total: int | None = None) -> str:
    """The first `shown` tickets by name; the rest by number."""
    total = len(items) if total is None else total
    if not total:
        return "No tickets flagged for the lightning talks."
    listed = "; ".join(
        f"#{i.ticket.id} {short_subject(i.ticket.subject)}"
        + (f" ({i.ticket.account})" if i.ticket.account else "")
        for i in items[:shown]
    )
    more = f"; and {total - min(shown, len(items)):,} more" if total > shown else ""
    return f"{plural(total, 'ticket')} flagged for the lightning talks: {listed}{more}."


def growth(tags, accounts) -> str:
    """ "Most growth in tickets received: tag sql-api 137 (previous 120), …; account …" """
    parts = []
    for kind, rows in (("tag", tags), ("account", accounts)):
        if rows:
            parts.append(
                ", ".join(
                    f"{kind} {g.label} {g.value:,} (previous {g.previous:,})" for g in rows[:3]
                )
            )
    if not parts:
        return "No tag or account received more tickets than the week before."
    return "Most growth in tickets received: " + "; ".join(parts) + "."


def summary(report) -> list[str]:
    """The weekly review in sentences, most important first."""
    old = sum(b.value for b in report.backlog.ages if b.key in ("1w_4w", "over_4w"))
    return [
        volume(report.received, report.answered),
        first_reply(report.first_reply, report.key_first_reply, report.key_tiers),
        other_times(report.next_reply, report.resolution, report.solved.value),
        solved_and_backlog(report.solved, report.backlog.count, old),
        sla(report.sla_met, report.breaches, report.breaches_by_metric),
        reopens(report.reopen_rate, report.reopened),
        causes(report.causes, report.bug_linked),
        handoffs(report.handoffs.count, report.handoffs.routes),
        interesting(report.interesting, total=report.interesting_count.value),
        growth(report.growth_tags, report.growth_accounts),
    ]
