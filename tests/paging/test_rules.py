"""What pages without an agent: urgent words from enterprise and partner customers, and
enterprise SLA breaches. Nothing else."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
import time_machine

from sunrelay.desk import services as desk
from sunrelay.paging import rules
from sunrelay.paging.models import PagingRun, RunState
from sunrelay.sla import services as sla
from sunrelay.sla.models import Calendar, CalendarInterval, Policy, Target
from tests.factories import make_account, make_contact, make_ticket
from tests.paging.conftest import T0
from tests.paging.helpers import events, paged_addresses, run_worker


@pytest.fixture
def pro_contact(db):
    pro = make_account("Pro Co", tier="pro", domains=["pro.test"])
    return make_contact("Pia", "pia@pro.test", account=pro)


@pytest.mark.parametrize(
    "text, word",
    [
        ("Our production site shows no tiles", "production"),
        ("Everything is DOWN since 9am", "down"),
        ("We had data\nloss overnight", "data loss"),
        ("The download button is grey", None),
        ("A slowdown, nothing urgent-ish", "urgent"),
        ("Question about pricing", None),
    ],
)
def test_urgent_words_are_whole_words_in_any_case(text, word):
    assert rules.find_keyword(text) == word


def test_keywords_come_from_the_settings(settings):
    settings.PAGING_URGENT_KEYWORDS = ["sev1"]
    assert rules.find_keyword("Production is down") is None
    assert rules.find_keyword("This is a SEV1") == "sev1"


def test_an_enterprise_customer_writing_urgent_words_pages(policy, contact):
    with time_machine.travel(T0, tick=False):
        ticket = make_ticket(contact, subject="Production map is down", body="All tiles fail.")
        run = PagingRun.objects.get(ticket=ticket)
        assert run.state == RunState.PENDING and run.source == "keywords"
        ticket.refresh_from_db()
        assert ticket.priority == "normal"  # the worker makes it urgent
        run_worker()
    ticket.refresh_from_db()
    assert ticket.priority == "urgent"
    assert [e.kind for e in events(ticket)][:2] == ["paged", "notified"]
    assert "Enterprise customer wrote “production”" in events(ticket)[0].new["reason"]
    assert paged_addresses() == ["kai@sunrelay.test"]


def test_a_later_message_on_an_open_ticket_pages_too_but_only_once(policy, contact):
    with time_machine.travel(T0, tick=False):
        ticket = make_ticket(contact, subject="Question", body="How do styles work?")
        assert not PagingRun.objects.exists()
        desk.receive_customer_message(ticket, contact, "Now production is down!")
        desk.receive_customer_message(ticket, contact, "Still down, urgent!")
    assert PagingRun.objects.filter(ticket=ticket).count() == 1


def test_other_tiers_old_messages_and_agents_do_not_page(policy, pro_contact, contact, agent):
    with time_machine.travel(T0, tick=False):
        make_ticket(pro_contact, subject="Production is down")
        make_ticket(contact, subject="Production is down", at=T0 - timedelta(days=2))  # import
        desk.create_ticket(
            desk.NewTicket(requester=contact, subject="Outage reported by phone", body="down"),
            actor=agent,
        )
        with rules.quiet():
            make_ticket(contact, subject="Production is down")
    assert not PagingRun.objects.exists()


@pytest.fixture
def enterprise_sla(db):
    cal = Calendar.objects.create(name="Always", time_zone="UTC")
    for day in range(7):
        CalendarInterval.objects.create(calendar=cal, weekday=day, start=time(0), end=time(0))
    policy = Policy.objects.create(name="Enterprise", calendar=cal, tiers=["enterprise"])
    Target.objects.create(policy=policy, metric="first_reply", minutes=60, business=False)
    return policy


def test_an_enterprise_sla_breach_pages(policy, enterprise_sla, contact):
    with time_machine.travel(T0, tick=False):
        ticket = make_ticket(contact, subject="Styles question", body="Which font?")
    with time_machine.travel(T0 + timedelta(minutes=61), tick=False):
        sla.check_one_due()
        run = PagingRun.objects.get(ticket=ticket)
        assert run.source == "sla_breach" and "first reply" in run.reason
        run_worker()
    ticket.refresh_from_db()
    assert ticket.priority == "urgent"
    # The urgent priority changed the SLA policy lookup; it pages no second time.
    assert PagingRun.objects.count() == 1


def test_a_breach_found_long_after_it_happened_does_not_page(policy, enterprise_sla, contact):
    with time_machine.travel(T0, tick=False):
        ticket = make_ticket(contact, subject="Styles question", body="Which font?")
    with time_machine.travel(T0 + timedelta(hours=5), tick=False):
        sla.recompute(ticket)
    assert ticket.events.filter(kind="sla_breached").exists()
    assert not PagingRun.objects.exists()


def test_an_enterprise_breach_at_closing_time_pages_when_it_happens(policy, contact):
    office = Calendar.objects.create(name="Office", time_zone="UTC")
    for day in range(5):
        CalendarInterval.objects.create(calendar=office, weekday=day, start=time(9), end=time(17))
    sla_policy = Policy.objects.create(name="Enterprise", calendar=office, tiers=["enterprise"])
    Target.objects.create(policy=sla_policy, metric="first_reply", minutes=7 * 60)
    with time_machine.travel(T0, tick=False):  # Wednesday 10:00: due at the 17:00 closing
        ticket = make_ticket(contact, subject="Styles question", body="Which font?")
    with time_machine.travel(T0.replace(hour=17, minute=5), tick=False):
        sla.check_one_due()
    run = PagingRun.objects.get(ticket=ticket)
    assert run.source == "sla_breach" and "first reply" in run.reason


def test_a_pro_sla_breach_does_not_page(policy, enterprise_sla, pro_contact):
    enterprise_sla.tiers = ["enterprise", "pro"]
    enterprise_sla.save()
    with time_machine.travel(T0, tick=False):
        make_ticket(pro_contact, subject="Styles question", body="Which font?")
    with time_machine.travel(T0 + timedelta(minutes=61), tick=False):
        sla.check_one_due()
    assert not PagingRun.objects.exists()
