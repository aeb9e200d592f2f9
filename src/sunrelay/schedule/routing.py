"""Choosing who should work a ticket now. Pure Python over shifts.Person objects."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from sunrelay.schedule.shifts import Person

# Roles whose holders take tickets of each level from routing.
ROLES_FOR_LEVEL = {
    "l1": frozenset({"support"}),
    "l2": frozenset({"support", "solutions"}),
    "engineering": frozenset({"engineering"}),
}


@dataclass(frozen=True)
class Choice:
    person: Person | None
    reason: str


def eligible(
    people: Iterable[Person], level: str, now: datetime, exclude: frozenset[int] = frozenset()
):
    roles = ROLES_FOR_LEVEL.get(level, frozenset())
    return [
        p
        for p in people
        if p.id not in exclude and level in p.levels and p.roles & roles and p.on_shift(now)
    ]


def choose(
    people: Iterable[Person],
    *,
    level: str,
    now: datetime,
    loads: Mapping[int, int],
    preferred: Iterable[int] = (),
    exclude: frozenset[int] = frozenset(),
    regions_to_avoid: frozenset[str] = frozenset(),
) -> Choice:
    """The on-shift person for a ticket of `level`.

    `preferred` people (a strategic account's customer engineer, or whoever covers for them)
    win when on shift. Otherwise the least-loaded eligible person, ties going to the one
    whose shift lasts longest. `regions_to_avoid` keeps a hand-off from landing in the region
    whose shift is ending.
    """
    people = list(people)
    by_id = {p.id: p for p in people}
    for pid in preferred:
        person = by_id.get(pid)
        if person is not None and pid not in exclude and person.on_shift(now):
            return Choice(
                person, f"{person.name} looks after this strategic account and is on shift"
            )
    candidates = [
        p for p in eligible(people, level, now, exclude) if p.region not in regions_to_avoid
    ]
    if not candidates:
        return Choice(None, f"nobody who works {level.upper()} is on shift")
    best = min(candidates, key=lambda p: (loads.get(p.id, 0), -p.shift_end(now).timestamp(), p.id))
    load = loads.get(best.id, 0)
    return Choice(
        best,
        f"{best.name} is on shift ({best.location or best.region}) with {load} open tickets, the fewest",
    )


def choose_holder(
    people: Iterable[Person],
    *,
    level: str,
    at: datetime,
    deadline: datetime | None,
    held: Mapping[int, int],
    loads: Mapping[int, int],
    cap: int,
    exclude: frozenset[int] = frozenset(),
    regions_to_avoid: frozenset[str] = frozenset(),
) -> Choice:
    """Who holds a ticket handed over at `at` for its owner, due at `deadline`.

    Eligible people on shift at `at` who hold fewer than `cap` tickets for colleagues
    (`held`). First those still on shift at the deadline, who can meet it without another
    hand-off; then the fewest tickets held, the fewest open tickets (`loads`), the longest
    shift left.
    """
    candidates = [
        p for p in eligible(people, level, at, exclude) if p.region not in regions_to_avoid
    ]
    if not candidates:
        return Choice(None, f"nobody who works {level.upper()} is on shift")
    room = [p for p in candidates if held.get(p.id, 0) < cap]
    if not room:
        return Choice(
            None,
            f"everyone on shift who works {level.upper()} already holds {cap} tickets for "
            "colleagues, the most the lead allows",
        )

    def key(p: Person):
        end = p.shift_end(at)
        covers = deadline is None or end >= deadline
        return (not covers, held.get(p.id, 0), loads.get(p.id, 0), -end.timestamp(), p.id)

    best = min(room, key=key)
    return Choice(
        best,
        f"{best.name} is on shift ({best.location or best.region}) and holds "
        f"{held.get(best.id, 0)} of at most {cap} tickets for colleagues",
    )
