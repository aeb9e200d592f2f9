"""Raising the level to L2 and to engineering assigns the people the rotations name."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sunrelay.desk.models import EventKind, MessageKind
from sunrelay.mail.models import Outbox
from sunrelay.schedule import level_up, overrides
from tests.schedule.builders import make_rotation, make_worker


def at(*args):
    return datetime(*args, tzinfo=UTC)


# Wednesday 7 January 2026: Madrid is UTC+1, Denver UTC-7.
MADRID_MORNING = at(2026, 1, 7, 9)  # 10:00 Madrid, 02:00 Denver
DENVER_AFTERNOON = at(2026, 1, 7, 20)  # 21:00 Madrid, 13:00 Denver
NIGHT = at(2026, 1, 7, 3)  # nobody works


@pytest.fixture
def team(db):
    return {
        "andres": make_worker("andres", "Europe/Madrid", ["solutions"], ["l2"]),
        "tomas": make_worker("tomas", "America/Denver", ["solutions"], ["l2"]),
        "keisha": make_worker("keisha", "America/Denver", ["support"], ["l1", "l2"]),
        "pablo": make_worker("pablo", "Europe/Madrid", ["engineering"], ["engineering"]),
        "lena": make_worker("lena", "America/New_York", ["engineering"], ["engineering"]),
    }


@pytest.fixture
def rotations(team):
    # andres has the week of 5 January, tomas the next.
    return {
        "l2": make_rotation("SE L2", level="l2", layers=[{"people": [team["andres"], team["tomas"]]}]),
        "eng": make_rotation(
            "Response Team", level="engineering",
            layers=[{"people": [team["lena"], team["pablo"]], "length": 2, "at": time(10)}],
        ),
    }  # fmt: skip


def kinds(ticket):
    return [e.kind for e in ticket.events.order_by("id")]


def test_l2_goes_to_this_weeks_rotation_person_when_on_shift(team, rotations, ticket, agent):
    done = level_up.raise_level(ticket, agent, "l2", reason="Needs an SE", now=MADRID_MORNING)
    ticket.refresh_from_db()
    assert (ticket.level, ticket.assignee) == ("l2", team["andres"])
    assert done.assignee == team["andres"]
    assert kinds(ticket)[-4:] == [
        EventKind.LEVEL,
        EventKind.ASSIGNEE,
        EventKind.STATUS,  # new -> open, now that someone has it
        EventKind.LEVEL_RAISED,
    ]
    event = ticket.events.get(kind=EventKind.LEVEL_RAISED)
    assert event.actor_user == agent and event.old == "l1"
    assert event.new["rotation"] == "SE L2" and event.new["reason"] == "Needs an SE"
    mail = Outbox.objects.get(kind="notify")
    assert (
        mail.to == [team["andres"].email]
        and "Raised to L2 support, assigned to you" in mail.subject
    )


def test_l2_goes_to_whoever_routing_picks_when_the_rotation_person_is_off_shift(
    team, rotations, ticket, agent
):
    level_up.raise_level(ticket, agent, "l2", now=DENVER_AFTERNOON)
    ticket.refresh_from_db()
    # andres (Madrid) went home; tomas and keisha work in Denver; ties go by load then id.
    assert ticket.assignee in (team["tomas"], team["keisha"])
    assert "is off shift" in ticket.events.get(kind=EventKind.LEVEL_RAISED).new["summary"]


def test_l2_stays_with_the_rotation_person_when_nobody_is_on_shift(team, rotations, ticket, agent):
    level_up.raise_level(ticket, agent, "l2", now=NIGHT)
    ticket.refresh_from_db()
    assert ticket.assignee == team["andres"]


def test_the_l2_rotation_honours_overrides(team, rotations, ticket, agent):
    overrides.create_override(
        rotations["l2"], agent, user=team["tomas"], starts_at=at(2026, 1, 7), ends_at=at(2026, 1, 8),
        now=at(2026, 1, 6),
    )  # fmt: skip
    level_up.raise_level(ticket, agent, "l2", now=DENVER_AFTERNOON)
    ticket.refresh_from_db()
    assert ticket.assignee == team["tomas"]


def test_engineering_needs_a_bug_link_or_reproduction_notes(team, rotations, ticket, agent):
    with pytest.raises(ValidationError) as refused:
        level_up.raise_level(ticket, agent, "engineering", now=MADRID_MORNING)
    assert "bug_url" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        level_up.raise_level(ticket, agent, "engineering", bug_url="not a link", now=MADRID_MORNING)
    assert "bug_url" in refused.value.message_dict
    ticket.refresh_from_db()
    assert ticket.level == "l1" and EventKind.LEVEL_RAISED not in kinds(ticket)


def test_engineering_goes_to_the_response_team_member_with_the_bug(team, rotations, ticket, agent):
    level_up.raise_level(
        ticket, agent, "engineering", bug_url="https://bugs.example.test/812", now=NIGHT,
        repro_notes="Zoom to 14 over Madrid with the dark style: tiles are blank.",
    )  # fmt: skip
    ticket.refresh_from_db()
    # On call even at night: the Response Team is not limited to working hours.
    assert (ticket.level, ticket.assignee, ticket.bug_url) == (
        "engineering",
        team["lena"],
        "https://bugs.example.test/812",
    )
    note = ticket.messages.filter(kind=MessageKind.NOTE).last()
    assert "Zoom to 14" in note.body_text and note.author_user == agent
    event = ticket.events.get(kind=EventKind.LEVEL_RAISED)
    assert event.new["bug_url"] == "https://bugs.example.test/812"
    assert event.new["rotation"] == "Response Team"


def test_it_refuses_to_lower_the_level_or_keep_it_and_refuses_readers(
    team, rotations, ticket, agent, sales
):
    level_up.raise_level(ticket, agent, "l2", now=MADRID_MORNING)
    with pytest.raises(ValidationError) as refused:
        level_up.raise_level(ticket, agent, "l2", now=MADRID_MORNING)
    assert refused.value.message_dict == {"level": ["The ticket is already at L2 support."]}
    with pytest.raises(PermissionDenied):
        level_up.raise_level(ticket, sales, "engineering", repro_notes="x", now=MADRID_MORNING)
