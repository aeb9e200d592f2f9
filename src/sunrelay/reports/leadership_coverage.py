"""The leadership report's coverage gaps: the hours of a period when nobody who works tickets
was on shift (schedule's working hours and time off, reports.coverage), and the tickets that
arrived in them. One query for the tickets and the roster's own; the hours are walked in
Python (a quarter is about 2,200 of them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sunrelay.reports import stats, wording
from sunrelay.reports.coverage import on_shift_at
from sunrelay.reports.leadership_figures import Section
from sunrelay.reports.leadership_sections import change_words, figure
from sunrelay.reports.models import TicketFact
from sunrelay.team.roles import WORKING_ROLES

HOUR = timedelta(hours=1)


@dataclass
class Gaps:
    hours: int = 0  # hours with nobody who works tickets on shift
    total_hours: int = 0
    tickets: int = 0  # tickets received in those hours
    received: int = 0
    people: int = 0  # people with working hours, counted


def gaps(start: datetime, end: datetime, roster=None) -> Gaps:
    """`roster`: schedule.roster.load_people() when the caller has it already."""
    hours, covered, people = _covered(start, end, roster)
    arrivals = TicketFact.objects.filter(created_at__gte=start, created_at__lt=end)
    received = uncovered = 0
    for created in arrivals.values_list("created_at", flat=True):
        received += 1
        uncovered += not covered[_hour_of(created, start, covered)]
    return Gaps(covered.count(False), len(covered), uncovered, received, people)


def uncovered(start: datetime, end: datetime) -> tuple[list[datetime], list[int]]:
    """The hours of [start, end) with nobody on shift (their starts) and the tickets received
    in them, oldest first: the population of the section's two figures."""
    hours, covered, _ = _covered(start, end, None)
    arrivals = TicketFact.objects.filter(created_at__gte=start, created_at__lt=end)
    tickets = [
        ticket
        for ticket, created in arrivals.order_by("created_at").values_list(
            "ticket_id", "created_at"
        )
        if not covered[_hour_of(created, start, covered)]
    ]
    return [h for h, on in zip(hours, covered, strict=True) if not on], tickets


def _hour_of(created: datetime, start: datetime, covered: list[bool]) -> int:
    return min(int((created - start) / HOUR), len(covered) - 1)


def _covered(start: datetime, end: datetime, roster) -> tuple[list[datetime], list[bool], int]:
    """Each hour's start, whether someone who works tickets was on shift at its middle, and
    how many such people have working hours."""
    from sunrelay.schedule.roster import load_people

    roster = load_people() if roster is None else roster
    people = [p for p in roster if p.roles & WORKING_ROLES and p.hours]
    hours = []
    moment = start
    while moment < end:
        hours.append(moment)
        moment += HOUR
    middles = [h + HOUR / 2 for h in hours]
    covered = [False] * len(middles)
    for person in people:
        for index, on in enumerate(on_shift_at(person, middles)):
            covered[index] = covered[index] or on
    return hours, covered, len(people)


def section(now: Gaps, before: Gaps, ref: str, year: Gaps | None = None) -> Section:
    """`year`: the same period a year earlier, None without history."""
    share = stats.ratio(now.tickets, now.received)
    figures = [
        figure(
            "uncovered_hours",
            "Hours with nobody on shift",
            (now.hours, before.hours, year and year.hours),
            population=f"of {now.total_hours:,} hours, {wording.plural(now.people, 'person', 'people')} with working hours",
            better="down",
        ),
        figure(
            "uncovered_tickets",
            "Tickets received with nobody on shift",
            (
                share,
                stats.ratio(before.tickets, before.received),
                year and stats.ratio(year.tickets, year.received),
            ),
            "share",
            f"{now.tickets:,} of {now.received:,} received",
            better="down",
        ),
    ]
    if not now.people:
        return Section("coverage", "Coverage gaps", figures, "", "Nobody has working hours set.")
    sentence = (
        f"Nobody was on shift for {wording.plural(now.hours, 'hour')} of {now.total_hours:,} "
        f"({change_words(now.hours, before.hours, 'count', ref)}); "
        f"{wording.plural(now.tickets, 'ticket')} arrived then."
    )
    return Section("coverage", "Coverage gaps", figures, sentence)
