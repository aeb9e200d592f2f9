"""`sunrelay demo` against a real database, at a small scale."""

from __future__ import annotations

from collections import Counter
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from sunrelay.accounts.models import Account, AccountDomain, Contact, Tier
from sunrelay.demo.people import DEMO_PASSWORD
from sunrelay.desk.models import EventKind, Message, MessageKind, Status, Ticket, TicketEvent
from sunrelay.team.models import Role, StaffProfile, StaffRole, WorkingInterval
from tests.demo.conftest import SMALL_ARGS
from tests.factories import make_contact, make_ticket

pytestmark = pytest.mark.django_db

# Besides the plan's tickets: demo.channels imports three Q&A-site questions and one list
# thread; demo.slack opens one from a customer's shared Slack channel.
CHANNEL_TICKETS = 5
# Their people: four site users (Javier's account on the site among them), two list members.
CHANNEL_PEOPLE = 6


def run_demo(*extra: str) -> str:
    out = StringIO()
    call_command("demo", *SMALL_ARGS, *extra, stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    models = (User, StaffProfile, StaffRole, WorkingInterval, Account, AccountDomain, Contact)
    result = {m.__name__: m.objects.count() for m in models}
    for model in (Ticket, Message, TicketEvent, Ticket.tags.through, Ticket.ccs.through):
        result[model.__name__] = model.objects.count()
    return result


def test_it_loads_the_demo_and_says_how_to_log_in():
    output = run_demo()
    assert counts()["Ticket"] == 300 + CHANNEL_TICKETS
    assert Account.objects.count() == 30
    assert Contact.objects.count() == 100 + CHANNEL_PEOPLE
    assert "http://127.0.0.1:8000/admin/" in output
    assert "/api/v1/docs" in output
    assert "marta" in output and DEMO_PASSWORD in output
    assert "300 tickets" in output


def test_the_report_tables_are_built_so_the_first_report_opens_at_once():
    from sunrelay.reports import refresh
    from sunrelay.reports.models import TicketFact

    run_demo("--quiet")
    assert TicketFact.objects.count() == 300 + CHANNEL_TICKETS
    assert refresh.pending() == 0


def test_the_demo_is_searchable_from_the_start():
    from sunrelay.search import documents
    from sunrelay.search.models import Document, TicketDocument
    from sunrelay.search.service import search

    run_demo("--quiet")
    assert TicketDocument.objects.count() == 300 + CHANNEL_TICKETS
    assert (
        Document.objects.filter(kind__in=["contact", "account"]).count()
        == 30 + 100 + CHANNEL_PEOPLE
    )
    assert documents.refresh_some() is False  # nothing left for the worker
    lead = User.objects.get(username="marta")
    some = Ticket.objects.order_by("pk").first()
    word = max(some.subject.split(), key=len)
    assert some.pk in [found.item.pk for found in search(lead, word, limit=100).tickets]


def test_the_demo_has_knowledge_to_answer_with():
    from sunrelay.kb.models import Article, Macro, Visibility

    run_demo("--quiet")
    assert 40 <= Article.objects.count() <= 50
    assert Article.objects.filter(visibility=Visibility.PUBLIC).count() >= 30
    assert Article.objects.exclude(versions__beginner="").exists()
    assert 25 <= Macro.objects.count() <= 30
    before = (Article.objects.count(), Macro.objects.count())
    run_demo("--quiet")
    assert (Article.objects.count(), Macro.objects.count()) == before


def test_the_demo_has_saved_views_in_the_navigation():
    from sunrelay.desk.models import SavedView
    from sunrelay.desk.saved_views import visible_views

    run_demo("--quiet")
    keisha = User.objects.get(username="keisha")
    names = [v.name for v in visible_views(keisha)]
    assert "SLA breached" in names and "My L2 work" in names
    assert SavedView.objects.filter(shared=True, owner__username="marta").count() == 3
    run_demo("--quiet")
    assert SavedView.objects.count() == 4


def test_running_it_twice_creates_nothing_new():
    run_demo()
    first = counts()
    output = run_demo()
    assert counts() == first
    assert "created nothing new" in output


def test_it_completes_a_half_loaded_demo():
    call_command("demo", *SMALL_ARGS, "--tickets", "120", "--quiet")
    assert Ticket.objects.count() == 120 + CHANNEL_TICKETS
    run_demo("--quiet")
    assert Ticket.objects.count() == 300 + CHANNEL_TICKETS
    refs = set(
        Ticket.objects.filter(external_ref__startswith="demo-").values_list(
            "external_ref", flat=True
        )
    )
    assert refs == {f"demo-{i:06d}" for i in range(1, 301)}


def test_if_empty_does_nothing_when_there_are_tickets():
    make_ticket(make_contact("Carla", "carla@acme.test"))
    output = run_demo("--if-empty")
    assert "already has tickets" in output
    assert Ticket.objects.count() == 1
    assert not User.objects.exists()


def test_quiet_prints_nothing():
    assert run_demo("--quiet") == ""


def test_staff_can_log_in_and_the_lead_runs_the_admin():
    run_demo("--quiet")
    assert User.objects.count() == 15  # demo.people.STAFF
    assert all(u.is_staff and u.check_password(DEMO_PASSWORD) for u in User.objects.all())
    assert list(User.objects.filter(is_superuser=True).values_list("username", flat=True)) == [
        "marta"
    ]
    assert StaffRole.objects.filter(user__username="marta", role=Role.LEAD).exists()
    for profile in StaffProfile.objects.all():
        profile.full_clean()  # the time zone passes Sunrelay's own validation
        assert profile.location
        assert profile.working_hours.count() >= 5


def test_accounts_and_contacts_are_consistent():
    run_demo("--quiet")
    assert set(Account.objects.values_list("tier", flat=True)) == set(Tier.values)
    # The channels' people (Q&A-site users, list members) are customers of no account.
    imported = Ticket.objects.exclude(external_ref__startswith="demo-")
    channel_people = set(
        Message.objects.filter(ticket__in=imported).values_list("author_contact", flat=True)
    )
    for contact in Contact.objects.select_related("account"):
        contact.full_clean()  # a valid e-mail address, a known skill level
        if contact.account is None:
            assert contact.pk in channel_people or contact.email.endswith(".qa.invalid")
            continue
        domains = set(contact.account.domains.values_list("domain", flat=True))
        assert contact.email.split("@")[1] in domains
    for account in Account.objects.all():
        account.full_clean()
    assert not Account.objects.filter(tier=Tier.FREE, mrr__gt=0).exists()
    earliest_ticket = Ticket.objects.order_by("created_at").first().created_at
    assert not Account.objects.filter(created_at__gte=earliest_ticket).exists()


def test_solved_and_closed_tickets_have_a_cause():
    run_demo("--quiet")
    done = Ticket.objects.filter(status__in=[Status.SOLVED, Status.CLOSED])
    assert done.count() > 200
    assert not done.filter(cause="").exists()
    assert not Ticket.objects.filter(cause="product_bug", bug_url="").exists()


SLA_KINDS = {EventKind.SLA_WARNING, EventKind.SLA_BREACHED}


def test_the_event_log_agrees_with_tickets_and_messages():
    run_demo("--quiet")
    events = Counter(TicketEvent.objects.values_list("kind", flat=True))
    messages = Counter(Message.objects.values_list("kind", flat=True))
    assert events[EventKind.CREATED] == Ticket.objects.count()
    assert events[EventKind.REPLIED] == messages[MessageKind.REPLY]
    assert events[EventKind.NOTED] == messages[MessageKind.NOTE]
    # Every customer message is a "received" event but the first, which is in "created".
    assert events[EventKind.RECEIVED] == messages[MessageKind.CUSTOMER] - Ticket.objects.count()
    for ticket in Ticket.objects.prefetch_related("events", "messages", "tags"):
        ticket.full_clean()  # choices, bug link URL, subject length
        # SLA warnings and breaches are observations about the ticket, not changes to it.
        log = [e for e in ticket.events.all() if e.kind not in SLA_KINDS]
        created = [e for e in log if e.kind == EventKind.CREATED]
        assert len(created) == 1 and created[0] == log[0]
        assert ticket.created_at == created[0].at
        assert ticket.updated_at == max(e.at for e in log)
        statuses = [e for e in log if e.kind == EventKind.STATUS]
        expected = statuses[-1].new if statuses else created[0].new["status"]
        assert ticket.status == expected
        if ticket.status in (Status.SOLVED, Status.CLOSED):
            solved = [e for e in statuses if e.new == Status.SOLVED]
            assert ticket.solved_at == solved[-1].at
        else:
            assert ticket.solved_at is None
        tag_events = [e for e in log if e.kind == EventKind.TAGS]
        tags = tag_events[-1].new if tag_events else created[0].new["tags"]
        assert sorted(t.name for t in ticket.tags.all()) == tags
        by_message = {e.message_id: e for e in log if e.message_id}
        for message in ticket.messages.all():
            assert by_message[message.pk].at == message.created_at


def test_a_naive_anchor_means_utc():
    from datetime import UTC, datetime

    from sunrelay.demo.management.commands.demo import anchor_time

    assert anchor_time("2025-03-31T12:00") == datetime(2025, 3, 31, 12, tzinfo=UTC)
    assert anchor_time("2025-03-31T14:00+02:00") == datetime(2025, 3, 31, 12, tzinfo=UTC)
