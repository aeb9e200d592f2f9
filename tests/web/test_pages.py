from __future__ import annotations

from unittest import mock

from django.db import OperationalError


def test_it_serves_the_home_page_with_its_links(client, db):
    response = client.get("/")
    assert response.status_code == 200
    for link in (b"/admin/", b"/api/v1/docs", b"/healthz"):
        assert link in response.content


def test_healthz_says_ok_when_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_healthz_says_503_when_the_database_does_not(client, db):
    with mock.patch("sunrelay.web.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "error",
        "database": "OperationalError",
        "version": mock.ANY,
    }


def test_no_template_comment_leaks_into_a_page(client, agent, ticket):
    client.force_login(agent)
    for url in ("/", "/desk/", f"/desk/tickets/{ticket.pk}/"):
        response = client.get(url, follow=True)
        assert response.status_code == 200
        assert b"{#" not in response.content and b"{%" not in response.content, url
