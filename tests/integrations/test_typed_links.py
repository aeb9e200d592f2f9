"""Typed links on tickets: the teams' URL patterns, an agent linking from the ticket page and
the API, URLs refused in words, and who sees them (sales: their accounts' tickets only)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from sunrelay.api.tokens import create_token
from sunrelay.integrations import typed_links
from sunrelay.integrations.models import LinkPattern, TicketLink
from tests.factories import make_account, make_contact, make_ticket

SENTRY = "https://sentry.example.test/issues/{id}"


def api(user) -> Client:
    return Client(headers={"Authorization": f"Bearer {create_token(user, 'test')[1]}"})


def sentry(lead, level="") -> LinkPattern:
    return typed_links.add_pattern(
        lead, name="Sentry", kind="error_tracker", pattern=SENTRY, level=level
    )


def test_a_pattern_makes_the_url_from_an_id(lead, agent, ticket):
    pattern = sentry(lead)
    link = typed_links.add(agent, ticket, pattern=pattern, ref="4711/../admin?x=1")
    assert link.url == "https://sentry.example.test/issues/4711%2F..%2Fadmin%3Fx%3D1"
    assert link.kind == "error_tracker" and link.label == "4711/../admin?x=1"


def test_a_teams_pattern_is_offered_only_on_its_teams_tickets(lead, agent, ticket, client):
    engineering = sentry(lead, level="engineering")
    everyone = typed_links.add_pattern(
        lead, name="Logs", kind="log_search", pattern="https://logs.test/?q={id}"
    )
    assert list(typed_links.patterns_for(ticket)) == [everyone]
    client.force_login(agent)
    answer = client.post(
        f"/desk/tickets/{ticket.pk}/links/", {"pattern": engineering.pk, "ref": "12"}
    )
    assert answer.status_code == 422 and "not one of this ticket" in answer.content.decode()
    assert not TicketLink.objects.exists()


def test_an_agent_links_from_the_ticket_panel(lead, agent, ticket, client):
    pattern = sentry(lead)
    client.force_login(agent)
    made = client.post(f"/desk/tickets/{ticket.pk}/links/", {"pattern": pattern.pk, "ref": "98"})
    assert made.status_code == 302
    client.post(
        f"/desk/tickets/{ticket.pk}/links/",
        {"kind": "dashboard", "url": "https://grafana.test/d/tiles", "label": "Tile latency"},
    )
    panel = client.get(f"/desk/tickets/{ticket.pk}/bug/").content.decode()
    assert "Error-tracker item" in panel and "issues/98" in panel
    assert "Dashboard" in panel and "Tile latency" in panel
    link = TicketLink.objects.get(kind="dashboard")
    client.post(f"/desk/tickets/{ticket.pk}/links/{link.pk}/remove/")
    assert TicketLink.objects.count() == 1


def test_only_http_links_are_taken_and_the_input_is_kept(agent, ticket, client):
    client.force_login(agent)
    answer = client.post(
        f"/desk/tickets/{ticket.pk}/links/",
        {"kind": "dashboard", "url": "javascript:alert(1)", "label": "Keep me"},
    )
    page = answer.content.decode()
    assert answer.status_code == 422 and "http:// or https://" in page and "Keep me" in page
    assert not TicketLink.objects.exists()


def test_a_pattern_needs_one_placeholder_and_http(lead):
    for bad in ("https://sentry.test/issues/", "ftp://x.test/{id}", "https://x.test/{id}/{id}"):
        with pytest.raises(ValidationError) as refused:
            typed_links.add_pattern(lead, name="X", kind="dashboard", pattern=bad)
        assert "pattern" in refused.value.message_dict
    assert not LinkPattern.objects.exists()


def test_the_api_links_and_sales_see_their_accounts_only(lead, agent, sales, ticket):
    pattern = sentry(lead)
    made = api(agent).post(
        f"/api/v1/tickets/{ticket.pk}/links",
        {"pattern_id": pattern.pk, "ref": "77"},
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    assert made.json()["url"].endswith("/issues/77")
    bad = api(agent).post(
        f"/api/v1/tickets/{ticket.pk}/links",
        {"kind": "log_search", "url": "file:///etc/passwd"},
        content_type="application/json",
    )
    assert bad.status_code == 422 and "http" in bad.content.decode()
    other = make_ticket(make_contact("Olaf", "olaf@o.test", account=make_account("Otherco")))
    typed_links.add(agent, other, kind="dashboard", url="https://grafana.test/d/other")
    assert len(api(sales).get(f"/api/v1/tickets/{ticket.pk}/links").json()) == 1
    assert api(sales).get(f"/api/v1/tickets/{other.pk}/links").status_code == 404
    refused = api(sales).post(
        f"/api/v1/tickets/{ticket.pk}/links",
        {"kind": "dashboard", "url": "https://grafana.test/d/x"},
        content_type="application/json",
    )
    assert refused.status_code == 403


def test_leads_set_up_patterns(lead, agent, client):
    client.force_login(agent)
    assert client.get("/desk/integrations/link-patterns/").status_code == 403
    client.force_login(lead)
    answer = client.post(
        "/desk/integrations/link-patterns/new/",
        {"name": "Sentry", "kind": "error_tracker", "pattern": SENTRY, "level": "l2"},
    )
    assert answer.status_code == 302
    page = client.get("/desk/integrations/link-patterns/").content.decode()
    assert SENTRY in page and "L2 support" in page
