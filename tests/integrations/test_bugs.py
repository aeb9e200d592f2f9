from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sunrelay.desk.models import Message, MessageKind
from sunrelay.desk.services import update_ticket
from sunrelay.integrations import access, bugs
from sunrelay.integrations.models import Bug, BugLink, BugNotice, BugState, NoticeState
from sunrelay.integrations.trackers import parse
from sunrelay.mail.models import Outbox, OutboxKind
from tests.integrations.conftest import GITHUB_ISSUE


def test_bug_links_follow_the_ticket(linked, agent):
    bug = Bug.objects.get(project="sunrelay-maps/tiles")
    assert sorted(bug.links.values_list("ticket_id", flat=True)) == sorted(
        [linked["acme"].pk, linked["other"].pk]
    )
    update_ticket(linked["other"], agent, bug_url="https://example.test/not-a-tracker")
    assert not BugLink.objects.filter(ticket=linked["other"]).exists()
    update_ticket(linked["other"], agent, bug_url=GITHUB_ISSUE)
    assert BugLink.objects.get(ticket=linked["other"]).bug == bug
    assert Bug.objects.count() == 2


def test_fixing_marks_every_ticket_and_drafts_notices(linked):
    bug = bugs.fixed(parse(GITHUB_ISSUE), "issue closed on GitHub")
    assert bug.state == BugState.FIXED
    assert set(BugLink.objects.filter(bug=bug).values_list("fixed_at", flat=True)) != {None}
    notices = BugNotice.objects.filter(link__bug=bug)
    assert {n.to for n in notices} == {"carla@acme.test", "olaf@otherco.test"}
    assert all(n.state == NoticeState.DRAFT for n in notices)
    notes = Message.objects.filter(ticket=linked["acme"], kind=MessageKind.NOTE)
    assert "issue closed on GitHub" in notes.last().body_text
    assert not Outbox.objects.filter(kind=OutboxKind.NOTICE).exists()  # waits for review
    again = bugs.fixed(parse(GITHUB_ISSUE), "released in v2")  # a repeat changes nothing
    assert again.fixed_by == "issue closed on GitHub" and notices.count() == 2


def test_an_unknown_issue_is_ignored(db):
    assert bugs.fixed(parse("https://github.com/a/b/issues/1"), "closed") is None
    assert not Bug.objects.exists()


def test_sending_after_review_queues_one_threaded_mail(linked, agent, sales):
    bugs.fixed(parse(GITHUB_ISSUE), "issue closed on GitHub")
    notice = BugNotice.objects.get(link__ticket=linked["acme"])
    with pytest.raises(PermissionDenied):
        bugs.send(sales, notice, subject="x", body="y")
    with pytest.raises(ValidationError):
        bugs.send(agent, notice, subject=" ", body="y")
    assert bugs.send(agent, notice, subject=notice.subject, body=notice.body)
    mail = Outbox.objects.get(kind=OutboxKind.NOTICE)
    assert mail.to == ["carla@acme.test"] and mail.ticket_id == linked["acme"].pk
    assert mail.subject == "Fixed: Tiles render blank at zoom 14"
    assert "Hello Carla Customer" in mail.body_text and "issue closed on GitHub" in mail.body_text
    notice.refresh_from_db()
    assert notice.state == NoticeState.SENT and notice.reviewed_by == agent
    with pytest.raises(ValidationError):
        bugs.send(agent, notice, subject="x", body="y")


def test_the_team_may_send_at_once(linked, settings):
    settings.BUG_NOTICE_AUTO_SEND = True
    bugs.fixed(parse(GITHUB_ISSUE), "issue closed on GitHub")
    assert Outbox.objects.filter(kind=OutboxKind.NOTICE).count() == 2
    assert set(BugNotice.objects.values_list("state", flat=True)) == {NoticeState.SENT}


def test_reopening_drops_unsent_notices(linked, agent):
    bugs.fixed(parse(GITHUB_ISSUE), "issue closed on GitHub")
    bugs.reopened(parse(GITHUB_ISSUE))
    assert set(BugNotice.objects.values_list("state", flat=True)) == {NoticeState.DISCARDED}
    bug = bugs.fixed(parse(GITHUB_ISSUE), "released in v2.4.0")
    assert bug.fixed_by == "released in v2.4.0"
    assert set(BugNotice.objects.values_list("state", flat=True)) == {NoticeState.DRAFT}


def test_affected_accounts_and_mrr(linked, agent, sales, django_assert_max_num_queries):
    bug = Bug.objects.get(project="sunrelay-maps/tiles")
    with django_assert_max_num_queries(2):
        seen = bugs.affected(agent, bug)
    assert [a.name for a in seen.accounts] == ["Acme Maps", "Otherco"]
    assert seen.mrr == Decimal("18500")
    mine = bugs.affected(sales, bug)
    assert [a.name for a in mine.accounts] == ["Acme Maps"] and mine.mrr == Decimal("16000")
    assert list(access.visible_bugs(sales)) == [bug]
