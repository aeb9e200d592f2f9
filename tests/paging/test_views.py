"""The ticket page's paging panel: page with a reason, status, acknowledge, raise the level."""

from __future__ import annotations

import time_machine

from sunrelay.paging.models import PagingRun
from tests.factories import make_staff
from tests.paging.conftest import T0
from tests.paging.helpers import run_worker
from tests.schedule.builders import make_rotation


def url(ticket, action=""):
    return f"/desk/tickets/{ticket.pk}/{action}"


def test_an_agent_pages_from_the_ticket_page_and_acknowledges(client, policy, ticket, agent):
    client.force_login(agent)
    with time_machine.travel(T0, tick=False):
        before = client.get(url(ticket)).content.decode()
        assert "Urgent paging" in before and "Not paged" in before
        assert "Page / mark urgent" in before
        response = client.post(url(ticket, "page/"), {"reason": "Acme production is down"})
        assert response.status_code == 302
        run_worker()
        page = client.get(url(ticket)).content.decode()
    assert "is-paging" in page and "Acme production is down" in page
    assert "kai@sunrelay.test" in page  # the notification sent, shown in the panel
    assert 'id="acknowledge-page"' in page
    with time_machine.travel(T0, tick=False):
        assert client.post(url(ticket, "acknowledge/")).status_code == 302
    run = PagingRun.objects.get()
    assert (run.state, run.acknowledged_by, run.acknowledged_via) == ("acknowledged", agent, "page")
    page = client.get(url(ticket)).content.decode()
    assert "Acknowledged" in page and "is-paging" not in page


def test_paging_without_a_reason_is_refused_with_the_form(client, policy, ticket, agent):
    client.force_login(agent)
    response = client.post(url(ticket, "page/"), {"reason": " "})
    assert response.status_code == 422
    assert "Say why this is urgent" in response.content.decode()
    assert not PagingRun.objects.exists()


def test_raising_the_level_to_engineering_from_the_page(client, ticket, agent):
    pablo = make_staff("pablo", roles=["engineering"])
    make_rotation("Response Team", level="engineering", layers=[{"people": [pablo], "length": 2}])
    client.force_login(agent)
    refused = client.post(url(ticket, "escalate/"), {"level": "engineering"})
    assert refused.status_code == 422
    assert "bug link or reproduction notes" in refused.content.decode()
    done = client.post(
        url(ticket, "escalate/"),
        {"level": "engineering", "repro_notes": "Blank tiles at zoom 14 with the dark style."},
    )
    assert done.status_code == 302
    ticket.refresh_from_db()
    assert (ticket.level, ticket.assignee) == ("engineering", pablo)
    page = client.get(url(ticket)).content.decode()
    assert "Level raised" in page and "Response Team" in page


def test_sales_see_no_paging_forms_and_cannot_post_them(client, policy, ticket, sales):
    client.force_login(sales)
    page = client.get(url(ticket)).content.decode()
    assert "Urgent paging" in page and "Page / mark urgent" not in page
    assert client.post(url(ticket, "page/"), {"reason": "Because"}).status_code == 403
    assert client.post(url(ticket, "acknowledge/")).status_code == 403
    assert client.post(url(ticket, "escalate/"), {"level": "l2"}).status_code == 403
