"""The leadership report's sections from the apps beside the desk (reports.leadership_sources):
paging load, accounts at risk, feedback themes, pre-sales, project hours, hours per person.
Pure Python; a source with nothing in the period makes a section that says so."""

from __future__ import annotations

from sunrelay.projects.rollup import minutes_hm
from sunrelay.reports import stats, wording
from sunrelay.reports.leadership_figures import Section
from sunrelay.reports.leadership_sections import change_words, figure, money
from sunrelay.reports.leadership_sources import Hours, Paging, Risk, Theme


def paging(now: Paging, before: Paging, year: Paging | None, ref: str) -> Section:
    per_person = stats.ratio(now.after_hours, now.people)
    figures = [
        figure("pages", "Pages", (now.pages, before.pages, year and year.pages), better="down"),
        figure(
            "after_hours",
            "After-hours pages per person paged",
            (per_person, stats.ratio(before.after_hours, before.people), None),
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


def risk(now: Risk, before: Risk, ref: str, link: str) -> Section:
    mrr = sum(now.at_risk.values())
    figures = [
        figure(
            "at_risk",
            "Accounts at risk (red or yellow health)",
            (len(now.at_risk), len(before.at_risk), None),
            population=f"{now.red:,} red; scores of {now.day or 'no day'}",
            link=link,
            better="down",
        ),
        figure(
            "at_risk_mrr",
            "MRR at risk",
            (float(mrr), float(sum(before.at_risk.values())), None),
            "dollars",
            link=link,
            better="down",
        ),
        figure(
            "breached_mrr",
            "MRR behind an SLA breach",
            (float(sum(now.breached.values())), float(sum(before.breached.values())), None),
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


def themes(top: list[Theme], ref: str) -> Section:
    figures = [
        figure(
            f"theme_{t.id}",
            t.name,
            (float(t.mrr), None, None),
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


def presales(report, ref: str, link: str) -> Section:
    rate = report.overall.technical_win_rate
    figures = [
        figure(
            "technical_win",
            "Technical-win rate",
            (rate.share, rate.previous_share, None),
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


def hours(now: Hours, before: Hours, ref: str, link: str) -> Section:
    total = now.project_minutes + now.ticket_minutes
    figures = [
        figure(
            "project_hours",
            "Hours on projects",
            (now.project_minutes / 60, before.project_minutes / 60, None),
            population=minutes_hm(now.project_minutes),
            link=link,
        ),
        figure(
            "over_budget",
            "Projects over budget",
            (len(now.over_budget), len(before.over_budget), None),
            population=f"of {now.budgeted:,} with a budget and hours",
            link=link,
            better="down",
        ),
        figure(
            "ticket_hours_per_person",
            "Hours per person on tickets",
            (
                stats.ratio(now.ticket_minutes, 60 * now.people),
                stats.ratio(before.ticket_minutes, 60 * before.people),
                None,
            ),
            population=f"{now.people:,} people logged time",
            link=link,
            better="",
        ),
        figure(
            "project_hours_per_person",
            "Hours per person on projects",
            (
                stats.ratio(now.project_minutes, 60 * now.people),
                stats.ratio(before.project_minutes, 60 * before.people),
                None,
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
