"""The ticket page's satisfaction panel: the rating, comment and when; staff only, sales on
their accounts' tickets only."""

from __future__ import annotations

from django.test import Client

from sunrelay.csat import services
from sunrelay.csat.models import Survey
from tests.csat.conftest import solve
from tests.factories import make_account, make_contact, make_staff, make_ticket


def _rated(ticket, agent, rating="bad", comment="The fix took a week."):
    solve(ticket, agent)
    return services.rate(Survey.objects.get(ticket=ticket), rating, via="email", comment=comment)


def _panel(user, ticket):
    client = Client()
    client.force_login(user)
    return client.get(f"/desk/tickets/{ticket.pk}/satisfaction/", HTTP_HX_REQUEST="true")


def test_staff_see_the_rating_comment_and_when(ticket, agent, lead):
    _rated(ticket, agent)
    page = _panel(lead, ticket)
    assert page.status_code == 200
    assert b"Bad" in page.content and b"The fix took a week." in page.content
    assert b"via e-mail link" in page.content
    assert b"csat_ticket:panel" not in page.content
    desk_page = Client()
    desk_page.force_login(lead)
    assert b"/satisfaction/" in desk_page.get(f"/desk/tickets/{ticket.pk}/").content


def test_sales_see_their_accounts_ratings_only(ticket, agent, sales):
    _rated(ticket, agent)
    assert b"The fix took a week." in _panel(sales, ticket).content
    other = make_ticket(make_contact("Ola", "ola@other.test", account=make_account("Other")))
    _rated(other, agent, comment="Other account's words")
    assert _panel(sales, other).status_code == 404
    stranger = make_staff("sid", roles=["sales"])
    assert _panel(stranger, ticket).status_code == 404


def test_people_without_a_role_and_visitors_see_nothing(ticket, agent, outsider):
    _rated(ticket, agent)
    assert _panel(outsider, ticket).status_code == 403
    anonymous = Client().get(f"/desk/tickets/{ticket.pk}/satisfaction/")
    assert anonymous.status_code == 302
