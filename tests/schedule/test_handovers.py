"""Temporary hand-overs, rule by rule: what moves at a shift's end, the cap, handing on,
handing back, hand off now and take it back (schedule.handoffs, schedule.shift_ends)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from sunrelay.desk import services as desk
from sunrelay.desk.models import EventKind, Status
from sunrelay.schedule import handoffs, holds, shift_ends
from sunrelay.schedule.models import Handoff, HandoverEnd
from sunrelay.sla.models import Policy, Target
from tests.factories import make_ticket
from tests.schedule.builders import make_worker


def at(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.fixture
def team(db):
    """Madrid 08-16 UTC, New York 14-22, San Francisco 17-01 (Tuesday 24 November 2026)."""
    return {
        "marta": make_worker("marta", "Europe/Madrid"),
        "nora": make_worker("nora", "America/New_York"),
        "sasha": make_worker("sasha", "America/Los_Angeles"),
    }


def first_reply_in(hours: int) -> None:
    policy = Policy.objects.create(name=f"{hours} h", position=hours)
    Target.objects.create(policy=policy, metric="first_reply", minutes=hours * 60, business=False)


def ticket_at(moment, contact, owner, subject="Tiles blank"):
    with time_machine.travel(moment, tick=False):
        return make_ticket(contact, subject=subject, assignee=owner)


def end_of_shift(moment) -> list[Handoff]:
    with time_machine.travel(moment, tick=False):
        return shift_ends.hand_off_ending_shifts()


def test_the_cap_the_lead_sets_limits_what_one_person_receives(team, lead, contact):
    first_reply_in(4)
    holds.set_handover_cap(lead, 2)
    due = [ticket_at(at(2026, 11, 24, 15), contact, team["marta"], f"T{i}") for i in range(4)]
    done = end_of_shift(at(2026, 11, 24, 15, 40))  # only New York is on shift after 16:00
    assert [h.to_user for h in done] == [team["nora"], team["nora"]]
    assert holds.held_counts() == {team["nora"].pk: 2}
    kept = [t for t in due if t.pk not in {h.ticket_id for h in done}]
    for ticket in kept:
        ticket.refresh_from_db()
        assert ticket.assignee == team["marta"]  # nobody with room: it stays with its owner


def test_a_deadline_already_missed_stays_with_its_owner(team, contact):
    first_reply_in(4)
    missed = ticket_at(at(2026, 11, 24, 9), contact, team["marta"])  # due 13:00
    assert end_of_shift(at(2026, 11, 24, 15, 40)) == []
    missed.refresh_from_db()
    assert missed.assignee == team["marta"]


def test_the_owner_gets_it_back_on_their_next_shift(team, contact):
    first_reply_in(4)
    ticket = ticket_at(at(2026, 11, 24, 15), contact, team["marta"])
    (handoff,) = end_of_shift(at(2026, 11, 24, 15, 40))
    assert (handoff.owner, handoff.to_user) == (team["marta"], team["nora"])
    assert handoff.until == at(2026, 11, 25, 8)  # Wednesday 09:00 in Madrid
    event = ticket.events.get(kind=EventKind.HANDED_OFF)
    assert event.new["owner"] == team["marta"].pk
    assert "Nora holds it for Marta" in event.new["summary"]
    with time_machine.travel(at(2026, 11, 25, 7, 59), tick=False):
        assert handoffs.hand_back_due() == 0  # not on shift yet
    with time_machine.travel(at(2026, 11, 25, 8, 1), tick=False):
        assert handoffs.hand_back_due() == 1
    ticket.refresh_from_db()
    handoff.refresh_from_db()
    assert ticket.assignee == team["marta"]
    assert (handoff.outcome, handoff.ended_at) == (HandoverEnd.RETURNED, at(2026, 11, 25, 8, 1))
    back = ticket.events.get(kind=EventKind.HANDED_BACK)
    assert (back.old, back.new["user"]) == ({"user": team["nora"].pk}, team["marta"].pk)
    assert [e.new for e in ticket.events.filter(kind=EventKind.ASSIGNEE)][-2:] == [
        team["nora"].pk,
        team["marta"].pk,
    ]


def test_a_held_ticket_is_handed_on_for_the_same_owner(team, contact):
    first_reply_in(8)
    ticket = ticket_at(at(2026, 11, 24, 15, 30), contact, team["marta"])  # due 23:30
    (first,) = end_of_shift(at(2026, 11, 24, 15, 40))
    assert first.to_user == team["nora"]  # nobody else is on shift at 16:01
    (second,) = end_of_shift(at(2026, 11, 24, 21, 40))  # New York leaves before 23:30
    first.refresh_from_db()
    assert first.outcome == HandoverEnd.PASSED_ON
    assert (second.from_user, second.to_user, second.owner) == (
        team["nora"],
        team["sasha"],
        team["marta"],
    )
    assert second.until == first.until
    with time_machine.travel(at(2026, 11, 25, 8, 5), tick=False):
        handoffs.hand_back_due()
    ticket.refresh_from_db()
    assert ticket.assignee == team["marta"]


def test_a_held_ticket_goes_back_when_its_owner_is_on_shift_as_the_holder_leaves(team, contact):
    first_reply_in(8)
    ticket = ticket_at(at(2026, 11, 24, 14, 30), contact, team["nora"])
    with time_machine.travel(at(2026, 11, 24, 14, 35), tick=False):
        handoffs.hand_off_now(ticket, team["nora"], to=team["marta"])
        desk.reply(ticket, team["marta"], "Send us the style file?", status=Status.PENDING)
    assert end_of_shift(at(2026, 11, 24, 15, 40)) == []  # Marta leaves, Nora is here
    ticket.refresh_from_db()
    assert ticket.assignee == team["nora"]
    assert Handoff.objects.get().outcome == HandoverEnd.RETURNED


def test_assigning_it_elsewhere_or_closing_it_ends_the_hand_over(team, contact, lead):
    first_reply_in(4)
    ticket = ticket_at(at(2026, 11, 24, 15), contact, team["marta"])
    (handoff,) = end_of_shift(at(2026, 11, 24, 15, 40))
    desk.update_ticket(ticket, lead, assignee=team["sasha"])
    handoff.refresh_from_db()
    assert handoff.outcome == HandoverEnd.REASSIGNED
    with time_machine.travel(at(2026, 11, 25, 8, 5), tick=False):
        assert handoffs.hand_back_due() == 0
    ticket.refresh_from_db()
    assert ticket.assignee == team["sasha"]  # a person decided; nothing undoes it

    other = ticket_at(at(2026, 11, 25, 14), contact, team["marta"], "Other")
    with time_machine.travel(at(2026, 11, 25, 14, 5), tick=False):
        held = handoffs.hand_off_now(other, team["marta"])
        desk.update_ticket(other, team["nora"], status=Status.SOLVED, cause="question")
        assert holds.open_hold(other) is not None  # solved is not closed: it still comes back
        desk.update_ticket(other, team["nora"], status=Status.CLOSED)
    held.refresh_from_db()
    assert held.outcome == HandoverEnd.CLOSED


def test_hand_off_now_lets_routing_choose_and_says_clearly_when_it_cannot(team, contact, lead):
    first_reply_in(4)
    ticket = ticket_at(at(2026, 11, 24, 15), contact, team["marta"])
    unowned = ticket_at(at(2026, 11, 24, 15), contact, None, "Nobody's")
    with time_machine.travel(at(2026, 11, 24, 15, 5), tick=False):
        with pytest.raises(ValidationError, match="Nobody owns this ticket yet"):
            handoffs.hand_off_now(unowned, team["marta"])
        with pytest.raises(ValidationError, match="Marta owns this ticket: take it back"):
            handoffs.hand_off_now(ticket, team["nora"], to=team["marta"])
        done = handoffs.hand_off_now(ticket, team["marta"])
    assert (done.to_user, done.owner, done.manual) == (team["nora"], team["marta"], True)
    assert "Handed off now by Marta" in done.note
    holds.set_handover_cap(lead, 1)
    second = ticket_at(at(2026, 11, 24, 15, 10), contact, team["marta"], "Second")
    with time_machine.travel(at(2026, 11, 24, 15, 15), tick=False):
        with pytest.raises(ValidationError, match="Nora already holds 1 tickets for colleagues"):
            handoffs.hand_off_now(second, team["marta"], to=team["nora"])
        with pytest.raises(ValidationError, match="Nobody can take it now: everyone on shift"):
            handoffs.hand_off_now(second, team["marta"])
    saturday = time_machine.travel(at(2026, 11, 28, 12), tick=False)
    with saturday, pytest.raises(ValidationError, match="nobody who works L1 is on shift"):
        handoffs.hand_off_now(second, team["marta"])


def test_only_the_owner_takes_it_back(team, contact):
    first_reply_in(4)
    ticket = ticket_at(at(2026, 11, 24, 15), contact, team["marta"])
    with pytest.raises(ValidationError, match="not handed over"):
        handoffs.take_back(ticket, team["marta"])
    with time_machine.travel(at(2026, 11, 24, 15, 5), tick=False):
        handoffs.hand_off_now(ticket, team["marta"], to=team["nora"])
    with pytest.raises(PermissionDenied, match="Only Marta, whose ticket it is"):
        handoffs.take_back(ticket, team["nora"])
    hold = handoffs.take_back(ticket, team["marta"])
    assert hold.outcome == HandoverEnd.TAKEN_BACK
    ticket.refresh_from_db()
    assert ticket.assignee == team["marta"]
    assert ticket.events.filter(kind=EventKind.HANDED_BACK).get().actor_user == team["marta"]


def test_only_a_lead_changes_the_cap_within_bounds(agent, lead):
    assert holds.per_person_cap() == 5
    with pytest.raises(PermissionDenied):
        holds.set_handover_cap(agent, 3)
    for bad in (0, 51, "many"):
        with pytest.raises(ValidationError, match="whole number from 1 to 50"):
            holds.set_handover_cap(lead, bad)
    holds.set_handover_cap(lead, 3)
    assert holds.per_person_cap() == 3
    assert holds.handover_settings().updated_by == lead


def test_an_owner_who_no_longer_works_tickets_does_not_stop_the_others_going_back(team, contact):
    first_reply_in(4)
    nora_s = ticket_at(at(2026, 11, 24, 20), contact, team["nora"], "Nora's")
    marta_s = ticket_at(at(2026, 11, 24, 20), contact, team["marta"], "Marta's")
    with time_machine.travel(at(2026, 11, 24, 20, 5), tick=False):
        handoffs.hand_off_now(nora_s, team["nora"], to=team["sasha"])
        handoffs.hand_off_now(marta_s, team["marta"], to=team["sasha"])
    team["nora"].staff_roles.all().delete()  # she moved to sales ops, say
    with time_machine.travel(at(2026, 11, 25, 14, 5), tick=False):  # both are on shift
        assert handoffs.hand_back_due() == 1
    nora_s.refresh_from_db()
    marta_s.refresh_from_db()
    assert (nora_s.assignee, marta_s.assignee) == (team["sasha"], team["marta"])
    assert holds.open_hold(nora_s) is not None  # still shown as held, for a lead to settle
