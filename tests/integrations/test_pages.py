from __future__ import annotations

from sunrelay.integrations import bugs
from sunrelay.integrations.models import Bug, BugNotice, NoticeState
from sunrelay.integrations.trackers import parse
from sunrelay.mail.models import Outbox, OutboxKind
from tests.integrations.conftest import GITHUB_ISSUE


def test_the_bug_page_lists_tickets_accounts_and_mrr(client, linked, agent, sales):
    bug = Bug.objects.get(number=412)
    client.force_login(agent)
    page = client.get(f"/desk/integrations/bugs/{bug.pk}/").content.decode()
    assert "Acme Maps" in page and "Otherco" in page and "18,500" in page
    client.force_login(sales)
    page = client.get(f"/desk/integrations/bugs/{bug.pk}/").content.decode()
    assert "Acme Maps" in page and "Otherco" not in page and "16,000" in page
    listing = client.get("/desk/integrations/bugs/").content.decode()
    assert "sunrelay-maps/tiles#412" in listing and "maps/engine#7" not in listing


def test_an_agent_reviews_and_sends(client, linked, agent):
    bug = bugs.fixed(parse(GITHUB_ISSUE), "issue closed on GitHub")
    notice = BugNotice.objects.get(link__ticket=linked["acme"])
    client.force_login(agent)
    url = f"/desk/integrations/notices/{notice.pk}/send/"
    refused = client.post(url, {"subject": "Fixed", "body": "   "})
    assert refused.status_code == 422 and "needs a subject and a body" in refused.content.decode()
    answer = client.post(url, {"subject": "Fixed: $subject", "body": "Hi $name, $bug is fixed."})
    assert answer.status_code == 302
    mail = Outbox.objects.get(kind=OutboxKind.NOTICE)
    assert mail.body_text == "Hi Carla Customer, sunrelay-maps/tiles#412 is fixed.\n"
    other = BugNotice.objects.get(link__ticket=linked["other"])
    client.post(f"/desk/integrations/notices/{other.pk}/discard/")
    other.refresh_from_db()
    assert other.state == NoticeState.DISCARDED
    assert "Not sent" in client.get(f"/desk/integrations/bugs/{bug.pk}/").content.decode()


def test_the_ticket_panel_shows_the_issue_state(client, linked, agent):
    client.force_login(agent)
    panel = client.get(f"/desk/tickets/{linked['acme'].pk}/bug/", headers={"HX-Request": "true"})
    assert "sunrelay-maps/tiles#412" in panel.content.decode() and "Open" in panel.content.decode()
