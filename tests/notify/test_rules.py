"""Who hears of what: one notification per cause, never one's own action, e-mail by choice."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from sunrelay.desk import services
from sunrelay.desk.signals import ticket_changed
from sunrelay.mail.models import Outbox, OutboxKind
from sunrelay.notify import preferences
from sunrelay.notify.models import Kind, Notification
from sunrelay.sla.signals import breached
from tests.factories import make_staff


@pytest.fixture
def keisha(db):
    return make_staff("keisha", ["support"], first_name="Keisha", last_name="Thompson")


def of(user, kind=None):
    rows = Notification.objects.filter(recipient=user)
    return rows.filter(kind=kind) if kind else rows


def test_the_assignee_hears_when_a_customer_writes(ticket, agent, contact):
    services.update_ticket(ticket, agent, assignee=agent)
    services.receive_customer_message(ticket, contact, "Still blank at zoom 14.")
    (row,) = of(agent, Kind.CUSTOMER_WROTE)
    assert row.text.startswith("Carla Customer wrote on #")
    assert row.ticket == ticket and row.read_at is None


def test_someone_assigned_a_ticket_by_a_colleague_hears_of_it(ticket, agent, keisha):
    services.update_ticket(ticket, agent, assignee=keisha)
    (row,) = of(keisha, Kind.ASSIGNED)
    assert row.text.startswith("Alba assigned you #")
    assert row.actor == agent


def test_routing_assigning_a_ticket_tells_the_person(ticket, keisha):
    services.update_ticket(ticket, services.SYSTEM, assignee=keisha)
    assert of(keisha, Kind.ASSIGNED).get().text.startswith("Routing assigned you #")


def test_nobody_hears_of_their_own_action(ticket, agent):
    services.update_ticket(ticket, agent, assignee=agent)
    services.note(ticket, agent, "@alba reminder to self")
    assert not of(agent).exists()


def test_a_mention_in_a_note_tells_the_person_named(ticket, agent, keisha):
    services.note(ticket, agent, "Tried the cache.\n@keisha can you check the tile server?")
    (row,) = of(keisha, Kind.MENTIONED)
    expected = f"Alba mentioned you on #{ticket.pk}: @keisha can you check the tile server?"
    assert row.text == expected


def test_a_mention_of_someone_who_cannot_see_the_ticket_tells_nobody(ticket, agent):
    other_sales = make_staff("sol", ["sales"])  # not the account's executive
    services.note(ticket, agent, "@sol FYI")
    assert not of(other_sales).exists()


def test_a_signal_sent_again_makes_no_second_notification(ticket, agent, keisha):
    events = services.update_ticket(ticket, agent, assignee=keisha)
    ticket_changed.send(sender=None, ticket=ticket, events=events, at=timezone.now())
    assert of(keisha).count() == 1


def test_history_recorded_after_the_fact_tells_nobody(ticket, agent, keisha):
    long_ago = timezone.now() - timedelta(days=2)
    services.note(ticket, agent, "@keisha old news", at=long_ago)
    assert not of(keisha).exists()


def test_an_sla_breach_tells_the_assignee_once(ticket, agent):
    services.update_ticket(ticket, services.SYSTEM, assignee=agent)
    at = timezone.now()
    for _ in range(2):
        breached.send(None, ticket=ticket, metric="first_reply", breached_at=at, now=at)
    assert of(agent, Kind.SLA_BREACHED).count() == 1


def test_email_goes_to_the_person_only_when_they_asked(ticket, agent, keisha, contact):
    services.note(ticket, agent, "@keisha first")
    assert not Outbox.objects.filter(kind=OutboxKind.NOTIFICATION).exists()
    preferences.save(keisha, {Kind.MENTIONED: True})
    services.note(ticket, agent, "Secret internal detail.\n@keisha second look please")
    (mail,) = Outbox.objects.filter(kind=OutboxKind.NOTIFICATION)
    assert mail.to == ["keisha@sunrelay.test"] and mail.cc == []
    assert "@keisha second look please" in mail.body_text
    # Only the lines that mention the person leave the desk.
    assert "Secret internal detail" not in mail.body_text
    assert contact.email not in mail.to


def test_preferences_default_to_the_app_and_refuse_unknown_kinds(agent):
    assert preferences.by_email(agent) == dict.fromkeys(Kind.values, False)
    with pytest.raises(ValueError, match="Unknown kinds"):
        preferences.save(agent, {"gossip": True})
