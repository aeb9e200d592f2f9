"""Collisions: who else has a ticket open, and writes held when the ticket changed since."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from sunrelay.desk import presence, services, versions
from sunrelay.desk.models import Message, MessageKind
from tests.factories import make_staff


@pytest.fixture
def keisha(db):
    return make_staff("keisha", ["support"], first_name="Keisha", last_name="Thompson")


def test_a_viewer_is_gone_after_thirty_seconds_and_typing_stops_sooner(ticket, agent, keisha):
    now = timezone.now()
    presence.beat(ticket, keisha, now, typing="reply")
    (seen,) = presence.others(ticket, agent, now + timedelta(seconds=5))
    assert seen.user == keisha and seen.typing == "reply"
    (seen,) = presence.others(ticket, agent, now + timedelta(seconds=20))
    assert seen.typing == ""
    assert presence.others(ticket, agent, now + timedelta(seconds=31)) == []
    assert presence.others(ticket, keisha, now) == []  # never oneself


def test_a_beat_is_one_query_once_the_row_exists(ticket, keisha, django_assert_num_queries):
    presence.beat(ticket, keisha, timezone.now())
    with django_assert_num_queries(1):
        presence.beat(ticket, keisha, timezone.now(), typing="note")


def test_leaving_removes_the_viewer_at_once(ticket, agent, keisha):
    presence.beat(ticket, keisha, timezone.now())
    presence.leave(ticket, keisha)
    assert presence.others(ticket, agent, timezone.now()) == []


def test_a_version_check_names_the_changes_since(ticket, agent, keisha):
    version = versions.current(ticket)
    versions.check(ticket, version)  # nothing changed: goes through
    versions.check(ticket, None)  # no version sent: nothing to check
    services.update_ticket(ticket, keisha, priority="high")
    with pytest.raises(versions.StaleVersion) as held:
        versions.check(ticket, version)
    assert [e.kind for e in held.value.events] == ["priority"]
    assert held.value.version == versions.current(ticket)


def test_the_presence_endpoint_names_others_and_changes(client, ticket, agent, keisha):
    version = versions.current(ticket)
    presence.beat(ticket, keisha, timezone.now(), typing="reply")
    services.reply(ticket, keisha, "We are on it.")
    client.force_login(agent)
    html = client.post(f"/desk/tickets/{ticket.pk}/presence/", {"version": version}).content
    html = html.decode()
    assert "Keisha Thompson</strong> is writing a public reply" in html
    assert "Changed since you opened it" in html and "public reply" in html


def test_a_stale_reply_is_held_with_the_changes_then_sent_when_confirmed(
    client, ticket, agent, keisha
):
    client.force_login(agent)
    version = versions.current(ticket)
    services.reply(ticket, keisha, "Clearing the tile cache fixes it.")
    services.update_ticket(ticket, keisha, priority="high")
    url = f"/desk/tickets/{ticket.pk}/reply/"
    response = client.post(
        url, {"body": "Please reinstall.", "version": version}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Not sent: the ticket changed since you opened it." in html
    assert "Clearing the tile cache fixes it." in html
    assert "Normal → High" in html
    assert "Please reinstall." in html  # the text is kept
    assert "Send anyway" in html
    replies = Message.objects.filter(ticket=ticket, kind=MessageKind.REPLY, author_user=agent)
    assert not replies.exists()
    new_version = versions.current(ticket)
    assert f'name="version" value="{new_version}"' in html
    response = client.post(url, {"body": "Please reinstall.", "version": new_version})
    assert response.status_code == 302
    assert replies.count() == 1


def test_a_stale_change_of_properties_is_held(client, ticket, agent, keisha):
    client.force_login(agent)
    version = versions.current(ticket)
    services.update_ticket(ticket, keisha, priority="high")
    data = {
        "version": version,
        "status": "open", "initial-status": "new",
        "priority": "low", "initial-priority": "normal",
        "level": "l1", "initial-level": "l1",
    }  # fmt: skip
    response = client.post(f"/desk/tickets/{ticket.pk}/properties/", data)
    assert response.status_code == 409
    ticket.refresh_from_db()
    assert (ticket.status, ticket.priority) == ("new", "high")


def test_a_version_that_is_no_number_is_refused_in_words(client, ticket, agent):
    client.force_login(agent)
    response = client.post(f"/desk/tickets/{ticket.pk}/note/", {"body": "x", "version": "abc"})
    assert response.status_code == 422
    assert "not a number: reload the ticket" in response.content.decode()
    assert not Message.objects.filter(ticket=ticket, kind=MessageKind.NOTE).exists()
