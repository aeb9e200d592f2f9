"""The bell, the notifications page, preferences and completion, over HTTP."""

from __future__ import annotations

import pytest

from sunrelay.desk import services
from sunrelay.notify.models import Kind, Notification, Preference
from tests.factories import make_staff


@pytest.fixture
def keisha(db):
    return make_staff("keisha", ["support"], first_name="Keisha", last_name="Thompson")


@pytest.fixture
def mentioned(ticket, agent, keisha):
    services.note(ticket, agent, "@keisha please look")
    services.update_ticket(ticket, agent, assignee=keisha)
    return keisha


def test_the_bell_counts_unread_in_a_fixed_number_of_queries(
    client, mentioned, django_assert_max_num_queries
):
    client.force_login(mentioned)
    client.get("/desk/notifications/bell/")
    # The session, the user, the profile, roles (the door), and the count itself.
    with django_assert_max_num_queries(5):
        html = client.get("/desk/notifications/bell/").content.decode()
    assert 'aria-label="Notifications: 2 unread"' in html


def test_the_page_lists_newest_first_and_opening_one_marks_it_read(client, mentioned, ticket):
    client.force_login(mentioned)
    html = client.get("/desk/notifications/").content.decode()
    assert html.index("Alba assigned you") < html.index("Alba mentioned you")
    first = Notification.objects.filter(recipient=mentioned).first()
    response = client.get(f"/desk/notifications/{first.pk}/")
    assert response.status_code == 302 and response["Location"] == f"/desk/tickets/{ticket.pk}/"
    first.refresh_from_db()
    assert first.read_at is not None


def test_mark_all_read(client, mentioned):
    client.force_login(mentioned)
    assert client.post("/desk/notifications/read-all/").status_code == 302
    assert not Notification.objects.filter(recipient=mentioned, read_at__isnull=True).exists()


def test_someone_elses_notification_is_not_found(client, mentioned, agent):
    client.force_login(agent)
    pk = Notification.objects.filter(recipient=mentioned).first().pk
    assert client.get(f"/desk/notifications/{pk}/").status_code == 404


def test_opening_the_ticket_page_marks_its_notifications_read(client, mentioned, ticket):
    client.force_login(mentioned)
    response = client.post(f"/desk/tickets/{ticket.pk}/presence/", {"opened": "1"})
    assert response["X-Notifications-Read"] == "2"
    assert not Notification.objects.filter(recipient=mentioned, read_at__isnull=True).exists()


def test_preferences_page_saves_each_kind(client, agent):
    client.force_login(agent)
    assert client.get("/desk/settings/notifications/").status_code == 200
    data = dict.fromkeys(Kind.values, "app") | {Kind.MENTIONED: "email"}
    assert client.post("/desk/settings/notifications/", data).status_code == 302
    assert Preference.objects.get(user=agent, kind=Kind.MENTIONED).by_email
    assert not Preference.objects.get(user=agent, kind=Kind.ASSIGNED).by_email


def test_preferences_page_refuses_a_bad_choice_in_place(client, agent):
    client.force_login(agent)
    data = dict.fromkeys(Kind.values, "app") | {Kind.MENTIONED: "pigeon"}
    response = client.post("/desk/settings/notifications/", data)
    assert response.status_code == 422
    assert "Select a valid choice" in response.content.decode()


def test_completion_lists_matching_staff(client, agent, keisha):
    client.force_login(agent)
    data = client.get("/desk/people/mentions/?q=kei").json()
    assert data == {"people": [{"username": "keisha", "name": "Keisha Thompson"}]}


def test_a_note_shows_its_mentions(client, ticket, agent, keisha):
    services.note(ticket, keisha, "@alba over to you; @nobody is no one")
    client.force_login(agent)
    html = client.get(f"/desk/tickets/{ticket.pk}/").content.decode()
    assert '<span class="mention is-me" title="Alba">@alba</span>' in html
    assert "@nobody is no one" in html
