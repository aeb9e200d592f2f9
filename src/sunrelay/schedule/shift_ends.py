"""The end of a shift: hand over what cannot wait (the rules are schedule.handoffs')."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from sunrelay.desk import services as desk
from sunrelay.desk.models import Status, Ticket
from sunrelay.schedule import holds, routing
from sunrelay.schedule.handoffs import Handover, hand_over, local, next_due, return_to_owner
from sunrelay.schedule.models import Handoff
from sunrelay.schedule.roster import load_people
from sunrelay.schedule.services import open_loads
from sunrelay.schedule.shifts import Person

# A shift ending within this window hands its urgent work over.
HANDOFF_LEAD = timedelta(minutes=30)
# Statuses a hand-off moves: the customer is not the one we wait for.
HANDOFF_STATUSES = (Status.NEW, Status.OPEN)


@dataclass
class Team:
    """The people and their counts one pass of hand-offs reads and keeps up to date."""

    people: list[Person]
    loads: Counter  # open tickets per person
    held: Counter  # tickets held for colleagues per person
    cap: int

    def __post_init__(self):
        self.by_id = {p.id: p for p in self.people}

    def moved(self, giver: int, receiver: int, passed_on: bool) -> None:
        self.held[receiver] += 1
        self.held[giver] -= passed_on
        self.loads[receiver] += 1
        self.loads[giver] = max(self.loads[giver] - 1, 0)


def hand_off_ending_shifts(now: datetime | None = None) -> list[Handoff]:
    """Hand over what cannot wait, for every shift ending within HANDOFF_LEAD; returns the
    hand-offs written."""
    now = now or timezone.now()
    people = load_people(now.date())
    team = Team(people, Counter(open_loads()), holds.held_counts(), holds.per_person_cap())
    done: list[Handoff] = []
    for person in people:
        end = person.shift_end(now)
        if end is not None and end - now <= HANDOFF_LEAD:
            done += _hand_off_shift(person, end, team, now)
    return done


def _hand_off_shift(person: Person, end: datetime, team: Team, now: datetime) -> list[Handoff]:
    after = end + timedelta(minutes=1)  # whoever takes a ticket is still on shift then
    held_here = {}
    for hold in holds.open_holds().filter(to_user_id=person.id):
        owner = team.by_id.get(hold.owner_id)
        if owner is not None and owner.on_shift(after):  # the owner is here: back to them
            team.held[person.id] -= return_to_owner(hold, now)
        else:
            held_here[hold.ticket_id] = hold
    tickets = {
        t.pk: t for t in Ticket.objects.filter(assignee_id=person.id, status__in=HANDOFF_STATUSES)
    }
    due = next_due(tickets, now)
    done = []
    for pk in sorted(due, key=lambda pk: due[pk].deadline):
        hold = held_here.get(pk)
        back = hold.until if hold else person.next_shift_start(now)
        if back is not None and due[pk].deadline >= back:
            continue  # it can wait until its owner is back
        owner_id = hold.owner_id if hold else person.id
        choice = routing.choose_holder(
            team.people,
            level=tickets[pk].level,
            at=after,
            deadline=due[pk].deadline,
            held=team.held,
            loads=team.loads,
            cap=team.cap,
            exclude=frozenset({person.id, owner_id}),
            regions_to_avoid=frozenset({person.region}),
        )
        if choice.person is None:
            continue  # nobody with room: it stays where it is
        owner = team.by_id.get(owner_id)
        plan = Handover(
            giver_id=person.id,
            giver_region=person.region,
            receiver_id=choice.person.id,
            receiver_region=choice.person.region,
            owner_id=owner_id,
            until=back,
            due=due[pk],
            reason=(
                f"{person.name}'s shift in {person.location or person.region} ends at "
                f"{end:%H:%M} UTC and the {due[pk].metric.replace('_', ' ')} is due before "
                f"{owner.name if owner else 'the owner'} is back "
                f"({local(back, owner.time_zone if owner else 'UTC')})"
            ),
        )
        try:
            done.append(hand_over(tickets[pk], plan, desk.SYSTEM, now))
        except ValidationError:
            continue  # the ticket changed hands meanwhile; the next pass looks again
        team.moved(person.id, choice.person.id, passed_on=hold is not None)
    return done
