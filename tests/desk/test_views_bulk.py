"""The queue's bulk bar, without JavaScript (a form and a redirect) and with htmx."""

from __future__ import annotations

import re

import pytest

from sunrelay.desk import services
from sunrelay.desk.models import Ticket
from tests.factories import make_ticket

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true", "HX-Target": "queue-results"}


@pytest.fixture
def tickets(contact):
    return [make_ticket(contact, f"Loop {i}") for i in range(4)]


def post(client, data, headers=None, queue="open"):
    return client.post(f"/desk/queues/{queue}/bulk/", data, headers=headers or {})


def test_without_javascript_it_changes_and_goes_back_to_the_queue_with_a_summary(
    client, agent, tickets
):
    client.force_login(agent)
    data = {
        "tickets": [tickets[0].pk, tickets[1].pk],
        "bulk-assignee": "me",
        "bulk-query": "priority=normal",
    }
    response = post(client, data)
    assert response.status_code == 302
    assert response["Location"] == "/desk/queues/open/?priority=normal"
    assert [Ticket.objects.get(pk=t.pk).assignee for t in tickets] == [agent, agent, None, None]
    page = client.get(response["Location"]).content.decode()
    assert "2 tickets assigned to you." in page


def test_every_ticket_on_the_page_when_select_all_is_ticked(client, agent, tickets):
    client.force_login(agent)
    data = {
        "bulk-all_on_page": "on",
        "page_tickets": [t.pk for t in tickets],
        "bulk-priority": "high",
    }
    post(client, data)
    assert Ticket.objects.filter(priority="high").count() == 4


def test_htmx_gets_the_results_with_the_summary_and_the_navigation_out_of_band(
    client, agent, tickets
):
    client.force_login(agent)
    closed = tickets[2]
    services.update_ticket(closed, agent, status="solved", cause="question")
    services.update_ticket(closed, agent, status="closed")
    data = {
        "tickets": [t.pk for t in tickets],
        "bulk-status": "solved",
        "bulk-cause": "product_bug",
        "bulk-query": "status=any",
    }
    response = post(client, data, HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="queue-results"')
    summary = re.search(r'<p class="bulk-summary has-refusals" role="status">(.*?)</p>', html)
    assert summary.group(1) == (
        f"3 tickets solved (cause: product bug); #{closed.pk} refused: the ticket is closed; "
        "open a follow-up ticket instead."
    )
    assert 'id="queue-nav" aria-label="Queues" hx-swap-oob="true"' in html
    # The page drawn again is the one the form was sent from (status=any keeps solved ones).
    assert f'data-href="/desk/tickets/{tickets[0].pk}/"' in html
    assert 'href="?status=any&amp;sort=subject"' in html


def test_a_form_that_cannot_apply_comes_back_with_its_error_and_the_ticks_kept(
    client, agent, tickets
):
    client.force_login(agent)
    response = post(client, {"tickets": [tickets[1].pk]}, HTMX)
    assert response.status_code == 422
    html = response.content.decode()
    assert "Nothing was changed: Choose a change to make" in html
    assert (
        f'value="{tickets[1].pk}" form="bulk-form" aria-label="Select #{tickets[1].pk}" checked'
        in html
    )
    response = post(client, {"bulk-assignee": "me"})
    assert response.status_code == 302
    assert "Select at least one ticket" in client.get(response["Location"]).content.decode()


def test_sales_see_no_checkboxes_and_cannot_post(client, sales, tickets):
    client.force_login(sales)
    html = client.get("/desk/queues/open/").content.decode()
    assert 'name="tickets"' not in html and "bulk-form" not in html
    assert post(client, {"tickets": [tickets[0].pk], "bulk-priority": "urgent"}).status_code == 403
    assert not Ticket.objects.filter(priority="urgent").exists()


def test_an_outsider_is_refused_at_the_door(client, outsider, tickets):
    client.force_login(outsider)
    assert post(client, {"tickets": [tickets[0].pk], "bulk-priority": "urgent"}).status_code == 403


def test_a_reload_of_the_bulk_address_shows_the_queue(client, agent):
    client.force_login(agent)
    response = client.get("/desk/queues/open/bulk/")
    assert (response.status_code, response["Location"]) == (302, "/desk/queues/open/")
    assert client.get("/desk/queues/nope/bulk/").status_code == 404


def test_ticket_ids_that_are_not_numbers_are_ignored(client, agent, tickets):
    client.force_login(agent)
    response = post(client, {"tickets": ["x", "-1", tickets[0].pk], "bulk-level": "l2"}, HTMX)
    assert response.status_code == 200
    assert "1 ticket moved to L2 support." in response.content.decode()
