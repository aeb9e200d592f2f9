"""Who sees what of the portal: a contact never another organisation's ticket nor any
internal note (pages, files, API); anonymous visitors see nothing; a staff log-in opens no
portal page and a portal session opens no staff page."""

from __future__ import annotations

import pytest
from django.test import Client

from sunrelay.desk import services
from sunrelay.mail.attachments import add_attachment
from sunrelay.portal.tokens import create_token
from tests.api.conftest import ApiClient
from tests.portal.conftest import signed_in

SECRET = "INTERNAL-ONLY"


@pytest.fixture
def acme(ticket, agent):
    """Acme's ticket with a public reply carrying a file, and an internal note with one."""
    reply = services.reply(ticket, agent, "Here is the fixed style.")
    public = add_attachment(reply, "style.json", "application/json", b"{}")
    note = services.note(ticket, agent, f"{SECRET}: their key leaked")
    hidden = add_attachment(note, "leak.txt", "text/plain", SECRET.encode())
    return {"ticket": ticket, "public": public, "hidden": hidden}


def _pages(acme) -> dict[str, str]:
    t = acme["ticket"].pk
    return {
        "home": "/portal/",
        "ticket": f"/portal/tickets/{t}/",
        "public file": f"/portal/files/{acme['public'].pk}/",
        "note file": f"/portal/files/{acme['hidden'].pk}/",
        "tokens": "/portal/api-tokens/",
    }


def _api(acme) -> dict[str, str]:
    t = acme["ticket"].pk
    return {
        "ticket": f"/portal/tickets/{t}",
        "messages": f"/portal/tickets/{t}/messages",
        "public file": f"/portal/attachments/{acme['public'].pk}",
        "note file": f"/portal/attachments/{acme['hidden'].pk}",
    }


def _body(response) -> str:
    return (
        b"".join(response).decode(errors="replace")
        if response.streaming
        else response.content.decode()
    )


def test_the_contact_sees_their_ticket_and_its_public_file_only(acme, contact):
    browser = signed_in(contact)
    expected = {"home": 200, "ticket": 200, "public file": 200, "note file": 404, "tokens": 200}
    for name, path in _pages(acme).items():
        response = browser.get(path)
        assert response.status_code == expected[name], name
        assert SECRET not in _body(response), name
    _t, raw = create_token(contact)
    api = ApiClient(raw)
    for name, path in _api(acme).items():
        response = api.get(path)
        assert response.status_code == (404 if name == "note file" else 200), name
        assert SECRET not in _body(response), name


@pytest.mark.parametrize("shared", [False, True])
def test_another_organisations_contact_sees_nothing_of_it(acme, gil, globex_ticket, shared):
    # Even when their own account shares its tickets: sharing stops at the account.
    gil.account.portal_shares_tickets = shared
    gil.account.save()
    browser = signed_in(gil)
    home = browser.get("/portal/").content.decode()
    assert acme["ticket"].subject not in home and globex_ticket.subject in home
    for name, path in _pages(acme).items():
        if name in ("home", "tokens"):
            continue
        assert browser.get(path).status_code == 404, name
    reply = browser.post(f"/portal/tickets/{acme['ticket'].pk}/reply/", {"body": "hi"})
    assert reply.status_code == 404
    _t, raw = create_token(gil)
    api = ApiClient(raw)
    for name, path in _api(acme).items():
        assert api.get(path).status_code == 404, name
    assert api.post(_api(acme)["messages"], {"body": "hi"}).status_code == 404
    assert acme["ticket"].messages.filter(author_contact=gil).count() == 0


def test_anonymous_visitors_see_nothing(acme):
    browser = Client()
    for name, path in _pages(acme).items():
        response = browser.get(path)
        assert response.status_code == 302 and response["Location"] == "/portal/sign-in/", name
    for name, path in _api(acme).items():
        assert ApiClient().get(path).status_code == 401, name


def test_a_staff_log_in_opens_no_portal_page(acme, agent):
    browser = Client()
    browser.force_login(agent)
    for name, path in _pages(acme).items():
        assert browser.get(path).status_code == 302, name


def test_a_portal_session_opens_no_staff_page(acme, contact):
    browser = signed_in(contact)
    ticket = acme["ticket"]
    for path in ("/desk/", f"/desk/tickets/{ticket.pk}/", "/desk/kb/", "/admin/"):
        response = browser.get(path)
        assert response.status_code == 302 and "login" in response["Location"], path
    assert browser.get("/api/v1/tickets").status_code == 401
    assert browser.get(f"/api/v1/attachments/{acme['public'].pk}").status_code == 401
