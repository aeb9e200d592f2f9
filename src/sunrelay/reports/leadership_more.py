"""The leadership report's sections from the apps beside the desk (reports.leadership_sources):
paging load, accounts at risk, feedback themes, pre-sales, project hours, hours per person.
Pure Python; a source with nothing in the period makes a section that says so."""

from __future__ import annotations

from sunrelay.projects.rollup import minutes_hm
from sunrelay.reports import stats, wording
from sunrelay.reports.leadership_figures import Section
from sunrelay.reports.leadership_sections import change_words, figure, money
from sunrelay.reports.leadership_sources import Hours, Paging, Risk, Theme


def _after(paged: Paging) -> float | None:
    return stats.ratio(paged.after_hours, paged.people)


def paging(now: Paging, before: Paging, year: Paging | None, ref: str) -> Section:
    per_person = stats.ratio(now.after_hours, now.people)
    figures = [
        figure("pages", "Pages", (now.pages, before.pages, year and year.pages), better="down"),
        figure(
            "after_hours",
            "After-hours pages per person paged",
            (per_person, stats.ratio(before.after_hours, before.people), year and _after(year)),
            "count",
            f"{now.after_hours:,} after hours, {now.people:,} people acknowledged",
            better="down",
        ),
    ]
    if not now.pages and not before.pages:
        return Section("paging", "Paging load", figures, "", "Nobody was paged.")
    sentence = (
        f"{wording.plural(now.pages, 'page')}, {change_words(now.pages, before.pages, 'count', ref)}; "
        f"{now.after_hours:,} of them after the acknowledging person's working hours."
    )
    return Section("paging", "Paging load", figures, sentence)


def _mrr(accounts: dict) -> float:
    return float(sum(accounts.values()))


def risk(now: Risk, before: Risk, year: Risk | None, ref: str, link: str) -> Section:
    """`year`: the same period a year earlier, None without history; its health figures are
    unknown when no account was scored by then."""
    mrr = sum(now.at_risk.values())
    scored = year if year is not None and year.day is not None else None
    figures = [
        figure(
            "at_risk",
            "Accounts at risk (red or yellow health)",
            (len(now.at_risk), len(before.at_risk), scored and len(scored.at_risk)),
            population=f"{now.red:,} red; scores of {now.day or 'no day'}",
            link=link,
            better="down",
        ),
        figure(
            "at_risk_mrr",
            "MRR at risk",
            (float(mrr), _mrr(before.at_risk), scored and _mrr(scored.at_risk)),
            "dollars",
            f"{len(now.at_risk):,} accounts",
            link=link,
            better="down",
        ),
        figure(
            "breached_mrr",
            "MRR behind an SLA breach",
            (_mrr(now.breached), _mrr(before.breached), year and _mrr(year.breached)),
            "dollars",
            f"{len(now.breached):,} accounts",
            better="down",
        ),
        figure(
            "urgent_mrr",
            "MRR with an urgent ticket open now",
            (float(sum(now.urgent_open.values())), None, None),
            "dollars",
            f"{len(now.urgent_open):,} accounts",
            better="down",
        ),
    ]
    if now.day is None and not now.breached:
        return Section("risk", "Revenue at risk", figures, "", "No health scores and no breaches.")
    sentence = (
        f"{len(now.at_risk):,} accounts at risk carry {money(mrr)} MRR "
        f"({change_words(float(mrr), float(sum(before.at_risk.values())), 'dollars', ref)}); "
        f"{money(sum(now.breached.values()))} MRR sits behind an SLA breach."
    )
    return Section("risk", "Revenue at risk", figures, sentence)


def themes(top: list[Theme], ref: str, before: dict, year: dict | None) -> Section:
    """`before`, `year`: theme id -> MRR behind its items in the period before and the same
    period a year earlier (None without history)."""
    figures = [
        figure(
            f"theme_{t.id}",
            t.name,
            (
                float(t.mrr),
                float(before.get(t.id, 0)),
                None if year is None else float(year.get(t.id, 0)),
            ),
            "dollars",
            f"{t.items:,} items from {t.accounts:,} accounts; {t.previous_items:,} items {ref}",
            link=f"/desk/feedback/themes/{t.id}/",
        )
        for t in top
    ]
    if not top:
        return Section(
            "themes", "What customers ask for", figures, "", "No feedback in the period."
        )
    first = top[0]
    sentence = (
        f"{first.name} leads with {money(first.mrr)} MRR behind {first.items:,} items "
        f"({first.previous_items:,} {ref})."
    )
    return Section("themes", "What customers ask for", figures, sentence)


def presales(report, year, ref: str, link: str) -> Section:
    """`year`: the pre-sales report of the same period a year earlier, None without history."""
    rate = report.overall.technical_win_rate
    figures = [
        figure(
            "technical_win",
            "Technical-win rate",
            (rate.share, rate.previous_share, year and year.overall.technical_win_rate.share),
            "share",
            f"{rate.value:,} of {rate.total:,} technical results",
            link=link,
        )
    ]
    if not rate.total and not rate.previous_total:
        return Section("presales", "Pre-sales", figures, "", "No technical results recorded.")
    sentence = (
        f"Technical win on {rate.value:,} of {rate.total:,} results "
        f"({wording.percent(rate.value, rate.total)}); {rate.previous:,} of "
        f"{rate.previous_total:,} {ref}."
    )
    return Section("presales", "Pre-sales", figures, sentence)


def _per_person(minutes: int, people: int) -> float | None:
    return stats.ratio(minutes, 60 * people)


def hours(now: Hours, before: Hours, year: Hours | None, ref: str, link: str) -> Section:
    """`year`: the same period a year earlier, None without history."""
    total = now.project_minutes + now.ticket_minutes
    figures = [
        figure(
            "project_hours",
            "Hours on projects",
            (
                now.project_minutes / 60,
                before.project_minutes / 60,
                year and year.project_minutes / 60,
            ),
            population=minutes_hm(now.project_minutes),
            link=link,
        ),
        figure(
            "over_budget",
            "Projects over budget",
            (len(now.over_budget), len(before.over_budget), year and len(year.over_budget)),
            population=f"of {now.budgeted:,} with a budget and hours",
            link=link,
            better="down",
        ),
        figure(
            "ticket_hours_per_person",
            "Hours per person on tickets",
            (
                _per_person(now.ticket_minutes, now.people),
                _per_person(before.ticket_minutes, before.people),
                year and _per_person(year.ticket_minutes, year.people),
            ),
            population=f"{now.people:,} people logged time",
            link=link,
            better="",
        ),
        figure(
            "project_hours_per_person",
            "Hours per person on projects",
            (
                _per_person(now.project_minutes, now.people),
                _per_person(before.project_minutes, before.people),
                year and _per_person(year.project_minutes, year.people),
            ),
            population=f"{now.people:,} people logged time",
            link=link,
            better="",
        ),
    ]
    if not total:
        return Section("hours", "Projects and hours", figures, "", "No time logged.")
    sentence = (
        f"{minutes_hm(now.project_minutes)} on projects and {minutes_hm(now.ticket_minutes)} "
        f"on tickets; {len(now.over_budget):,} of {now.budgeted:,} budgeted projects over budget"
        + (f" ({', '.join(now.over_budget[:3])})" if now.over_budget else "")
        + "."
    )
    return Section("hours", "Projects and hours", figures, sentence)
