"""Knowledge on the ticket page: the panel, the macro picker's text and sending a macro."""

from __future__ import annotations

import json

from sunrelay.desk.models import MessageKind, Status
from sunrelay.kb import articles, macros
from sunrelay.kb.models import MacroUse, Visibility
from tests.factories import make_account, make_contact, make_ticket

HTMX = {"HX-Request": "true"}


def test_the_ticket_page_loads_the_panel_after_it(client, agent, ticket):
    client.force_login(agent)
    page = client.get(f"/desk/tickets/{ticket.pk}/").content.decode()
    assert f'hx-get="/desk/tickets/{ticket.pk}/knowledge/"' in page


def test_the_panel_suggests_articles_in_the_requesters_level_and_similar_tickets(
    client, agent, contact
):
    articles.create_article(
        agent, title="Blank tiles at high zoom", body="Check the date filter.",
        beginner="Open Layers, click the filter.", visibility=Visibility.PUBLIC,
    )  # fmt: skip
    solved = make_ticket(contact, subject="Tiles blank at zoom 15")
    from sunrelay.desk import services

    services.update_ticket(solved, agent, cause="user_data_or_code", status=Status.SOLVED)
    ticket = make_ticket(contact, subject="Blank tiles at zoom 14")  # carla is a beginner
    macros.create_macro(agent, name="Ask for the link", body="Hi {requester_first_name}")
    client.force_login(agent)
    panel = client.get(f"/desk/tickets/{ticket.pk}/knowledge/", headers=HTMX).content.decode()
    assert "<html" not in panel
    assert "Blank tiles at high zoom" in panel and "for beginners" in panel
    assert "Open Layers" in panel  # the beginner's text is the one shown
    assert f"#{solved.pk}" in panel and "User data or code" in panel
    assert "Ask for the link" in panel and "Draft an article from this ticket" in panel
    # Without JavaScript the same panel is a page of its own.
    assert "<html" in client.get(f"/desk/tickets/{ticket.pk}/knowledge/").content.decode()


def test_sales_get_suggestions_but_no_macros_and_strangers_nothing(client, sales, agent, ticket):
    macros.create_macro(agent, name="Mine", body="x")
    client.force_login(sales)
    panel = client.get(f"/desk/tickets/{ticket.pk}/knowledge/", headers=HTMX).content.decode()
    assert "Insert a macro" not in panel and "Draft an article" not in panel
    other = make_ticket(
        make_contact(
            "Z",
            "z@zeta.test",
            account=make_account("Zeta", tier="pro", mrr=1, domains=["zeta.test"]),
        )
    )
    assert client.get(f"/desk/tickets/{other.pk}/knowledge/").status_code == 404


def test_the_picker_gets_the_text_and_sending_applies_the_changes(client, agent, ticket):
    macro = macros.create_macro(
        agent, name="Need details", body="Hi {requester_first_name}, which zoom?",
        changes={"status": Status.PENDING, "tags": ["needs-info"]},
    )  # fmt: skip
    client.force_login(agent)
    text = client.get(f"/desk/tickets/{ticket.pk}/macros/{macro.pk}/text/")
    assert text.content.decode() == "Hi Carla, which zoom?"
    sent = client.post(
        f"/desk/tickets/{ticket.pk}/macros/{macro.pk}/send/",
        {"body": "Hi Carla, which zoom level exactly?"},
        headers=HTMX,
    )
    assert sent.status_code == 204 and sent["HX-Refresh"] == "true"
    ticket.refresh_from_db()
    assert ticket.status == Status.PENDING
    reply = ticket.messages.filter(kind=MessageKind.REPLY).get()
    assert reply.body_text == "Hi Carla, which zoom level exactly?"
    assert MacroUse.objects.filter(macro=macro, ticket=ticket).exists()


def test_a_refused_send_says_why_and_changes_nothing(client, agent, ticket):
    from sunrelay.desk import services

    macro = macros.create_macro(agent, name="Solve", body="Done", changes={"status": Status.SOLVED})
    client.force_login(agent)
    refused = client.post(
        f"/desk/tickets/{ticket.pk}/macros/{macro.pk}/send/", {"body": "Done"}, headers=HTMX
    )
    assert refused.status_code == 204
    assert "cause" in json.loads(refused["HX-Trigger"])["sunrelay-toast"].lower()
    assert not ticket.messages.filter(kind=MessageKind.REPLY).exists()
    plain = client.post(f"/desk/tickets/{ticket.pk}/macros/{macro.pk}/send/", {"body": "Done"})
    assert plain.status_code == 422 and "Nothing was sent" in plain.content.decode()
    services.update_ticket(ticket, agent, cause="question")
    ok = client.post(f"/desk/tickets/{ticket.pk}/macros/{macro.pk}/send/", {"body": "Done"})
    assert ok.status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == Status.SOLVED
