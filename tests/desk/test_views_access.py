"""Who gets into the workspace: log-in, log-out, roles, the home page."""

from __future__ import annotations

import pytest

from tests.factories import make_staff

pytestmark = pytest.mark.django_db


def test_it_sends_anonymous_visitors_to_the_login_page(client):
    response = client.get("/desk/queues/open/")
    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/desk/queues/open/"


def test_it_sends_an_expired_htmx_request_to_the_login_page_as_a_whole(client):
    response = client.post("/desk/tickets/1/note/", {"body": "x"}, headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith("/login/?next=")


def test_it_logs_in_and_lands_on_the_desk(client, agent):
    page = client.get("/login/")
    assert page.status_code == 200 and b'name="password"' in page.content
    response = client.post("/login/", {"username": "alba", "password": "pw-alba-1234"})
    assert response.status_code == 302 and response["Location"] == "/desk/"
    assert client.get("/desk/").status_code == 200


def test_it_shows_a_wrong_password_in_place(client, agent):
    response = client.post("/login/", {"username": "alba", "password": "nope"})
    assert response.status_code == 200
    assert b"Please enter a correct username and password" in response.content


def test_it_logs_out_with_a_post(client, agent):
    client.force_login(agent)
    response = client.post("/logout/")
    assert response.status_code == 302 and response["Location"] == "/login/"
    assert client.get("/desk/").status_code == 302


def test_a_user_without_a_role_gets_a_403_page(client, outsider):
    client.force_login(outsider)
    response = client.get("/desk/")
    assert response.status_code == 403
    assert b"no role in Sunrelay" in response.content
    assert client.get("/desk/accounts/").status_code == 403


def test_the_home_page_sends_staff_to_the_desk_and_shows_others_the_way(client, agent):
    home = client.get("/")
    assert home.status_code == 200 and b'href="/desk/"' in home.content
    client.force_login(agent)
    assert client.get("/")["Location"] == "/desk/"


def test_the_admin_still_logs_in(client, agent):
    assert client.get("/admin/login/").status_code == 200


def test_the_top_bar_shows_each_support_region_once_with_its_local_time(client, agent, sales):
    make_staff("javi", roles=["support"], time_zone="Europe/Madrid")
    make_staff("kei", roles=["support"], time_zone="America/New_York")
    make_staff("kwa", roles=["support"], time_zone="America/Los_Angeles")
    from sunrelay.team.models import StaffProfile

    StaffProfile.objects.filter(user__username="javi").update(location="Madrid")
    StaffProfile.objects.filter(user__username="alba").update(location="Valencia")
    client.force_login(agent)
    html = client.get("/desk/").content.decode()
    assert html.count('data-clock-tz="Europe/Madrid"') == 1
    assert "Madrid · Valencia" in html
    assert 'data-clock-tz="America/New_York"' in html  # support in New York, not sales there
    assert 'data-clock-tz="America/Los_Angeles"' in html
    # East to west, and the user's own zone is marked.
    assert (
        html.index("Europe/Madrid")
        < html.index("America/New_York")
        < html.index("America/Los_Angeles")
    )
    assert 'class="clock mine"' in html
