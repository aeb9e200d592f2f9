"""SLA state on real tickets: policies matched, rebuilt after changes, events logged once."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from importlib import import_module

import pytest
import time_machine
from django.apps import apps as django_apps
from django.core.management import call_command

from sunrelay.desk import services as desk
from sunrelay.desk.models import EventKind, Status
from sunrelay.sla import services
from sunrelay.sla.models import Calendar, CalendarInterval, Policy, Target, TicketSla, TicketUrgency
from tests.factories import make_account, make_contact, make_ticket

# Tuesday 24 November 2026, 09:00 in Madrid.
TUESDAY_9 = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)


@pytest.fixture
def madrid(db):
    cal = Calendar.objects.create(name="Madrid office", time_zone="Europe/Madrid")
    for day in range(5):
        CalendarInterval.objects.create(calendar=cal, weekday=day, start=time(9), end=time(17))
    return cal


@pytest.fixture
def enterprise_policy(madrid):
    policy = Policy.objects.create(
        position=1, name="Enterprise", tiers=["enterprise", "partner"], calendar=madrid
    )
    Target.objects.create(policy=policy, metric="first_reply", minutes=240)
    Target.objects.create(policy=policy, metric="resolution", minutes=16 * 60)
    return policy


@pytest.fixture
def default_policy(madrid):
    policy = Policy.objects.create(position=10, name="Everyone else", calendar=madrid)
    Target.objects.create(policy=policy, metric="first_reply", minutes=8 * 60)
    return policy


def slas(ticket):
    return {row.metric: row for row in TicketSla.objects.filter(ticket=ticket)}


def test_a_new_ticket_gets_the_first_matching_policy(enterprise_policy, default_policy, contact):
    with time_machine.travel(TUESDAY_9, tick=False):
        ticket = make_ticket(contact)
    rows = slas(ticket)
    assert set(rows) == {"first_reply", "resolution"}
    assert rows["first_reply"].deadline == TUESDAY_9 + timedelta(hours=4)
    assert rows["first_reply"].policy == enterprise_policy
    assert rows["first_reply"].state == "ok"


def test_the_fallback_policy_catches_other_tiers(enterprise_policy, default_policy, db):
    small = make_contact("Sol", "sol@small.test", account=make_account("Small", tier="free", mrr=0))
    with time_machine.travel(TUESDAY_9, tick=False):
        ticket = make_ticket(small)
    assert slas(ticket)["first_reply"].deadline == TUESDAY_9 + timedelta(hours=8)


def test_a_reply_meets_the_target_and_pending_pauses_resolution(enterprise_policy, agent, contact):
    with time_machine.travel(TUESDAY_9, tick=False):
        ticket = make_ticket(contact)
    with time_machine.travel(TUESDAY_9 + timedelta(hours=1), tick=False):
        desk.reply(ticket, agent, "Could you send the logs?", status=Status.PENDING)
    rows = slas(ticket)
    assert rows["first_reply"].state == "met"
    assert rows["resolution"].state == "paused" and rows["resolution"].deadline is None


def test_warnings_and_breaches_are_logged_once_by_the_worker(enterprise_policy, contact):
    with time_machine.travel(TUESDAY_9, tick=False):
        ticket = make_ticket(contact)
    row = slas(ticket)["first_reply"]
    assert row.warn_at == TUESDAY_9 + timedelta(hours=3)
    assert services.check_one_due(TUESDAY_9 + timedelta(hours=2)) is False
    assert services.check_one_due(TUESDAY_9 + timedelta(hours=3)) is True
    assert services.check_one_due(TUESDAY_9 + timedelta(hours=3, minutes=5)) is False
    assert services.check_one_due(TUESDAY_9 + timedelta(hours=4)) is True
    services.recompute(ticket, TUESDAY_9 + timedelta(hours=5))
    warnings = ticket.events.filter(kind=EventKind.SLA_WARNING)
    breaches = ticket.events.filter(kind=EventKind.SLA_BREACHED)
    assert warnings.count() == 1 and breaches.count() == 1
    assert breaches.get().at == TUESDAY_9 + timedelta(hours=4)
    assert breaches.get().new["metric"] == "first_reply"


def test_the_due_check_never_takes_the_same_row_forever(enterprise_policy, contact):
    # Created Tuesday 13:00 in Madrid: 4 business hours end exactly at the 17:00 closing,
    # and no business time passes after it. Created second, at 09:30: an ordinary deadline.
    stuck = make_ticket(contact, subject="Stuck", at=TUESDAY_9 + timedelta(hours=4))
    ordinary = make_ticket(contact, subject="Ordinary", at=TUESDAY_9 + timedelta(minutes=30))
    evening = TUESDAY_9 + timedelta(hours=12)  # 21:00 in Madrid
    passes = 0
    while services.check_one_due(evening):
        passes += 1
        assert passes < 10, "the due-check keeps taking the same row"
    for ticket in (stuck, ordinary):
        assert slas(ticket)["first_reply"].state == "breached"
    breach = stuck.events.get(kind=EventKind.SLA_BREACHED)
    assert breach.at == TUESDAY_9 + timedelta(hours=8)  # the 17:00 closing, the deadline


def test_rows_left_in_warning_past_their_deadline_go_back_to_the_worker(enterprise_policy, contact):
    # What the earlier rule left behind: "warning", a 17:00 deadline, computed at 21:00.
    stuck = make_ticket(contact, subject="Stuck", at=TUESDAY_9 + timedelta(hours=4))
    evening = TUESDAY_9 + timedelta(hours=12)
    TicketSla.objects.filter(ticket=stuck, metric="first_reply").update(
        state="warning", computed_at=evening
    )
    assert services.check_one_due(evening) is False  # computed after its deadline came
    migration = import_module("sunrelay.sla.migrations.0003_recheck_deadlines_reached_at_closing")
    migration.mark_stale(django_apps, None)
    assert services.refresh_one_stale(evening) is True
    assert slas(stuck)["first_reply"].state == "breached"


def test_a_policy_change_is_picked_up_by_the_worker(enterprise_policy, contact):
    with time_machine.travel(TUESDAY_9, tick=False):
        ticket = make_ticket(contact)
    target = enterprise_policy.targets.get(metric="first_reply")
    target.minutes = 60
    target.save()
    enterprise_policy.save()  # admin saves the policy with its inline targets
    assert services.refresh_one_stale(TUESDAY_9) is True
    assert slas(ticket)["first_reply"].deadline == TUESDAY_9 + timedelta(hours=1)
    assert services.refresh_one_stale(TUESDAY_9) is False


def test_urgency_orders_by_deadline_moved_by_importance(enterprise_policy, default_policy, db):
    big = make_account("Big", tier="enterprise", mrr=50000, strategic=True)
    small = make_account("Small", tier="free", mrr=0)
    with time_machine.travel(TUESDAY_9, tick=False):
        big_ticket = make_ticket(make_contact("B", "b@big.test", account=big))
    with time_machine.travel(TUESDAY_9 - timedelta(hours=3), tick=False):
        small_ticket = make_ticket(make_contact("S", "s@small.test", account=small))
    order = list(TicketUrgency.objects.order_by("urgency_at").values_list("ticket_id", flat=True))
    assert order == [big_ticket.pk, small_ticket.pk]
    labels = [r["label"] for r in TicketUrgency.objects.get(ticket=big_ticket).reasons]
    assert labels == ["first reply due", "enterprise tier", "strategic account", "MRR $50,000"]


def test_recompute_command_rebuilds_every_open_ticket(enterprise_policy, contact):
    tickets = [make_ticket(contact, subject=f"T{i}") for i in range(3)]
    TicketSla.objects.all().delete()
    call_command("sla", "recompute")
    assert TicketSla.objects.filter(ticket__in=tickets).count() == 6


def test_holidays_import_from_icalendar(madrid, tmp_path):
    ics = tmp_path / "spain.ics"
    ics.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
        b"BEGIN:VEVENT\r\nUID:1\r\nDTSTART;VALUE=DATE:20261208\r\nDTEND;VALUE=DATE:20261209\r\nSUMMARY:Inmaculada\r\nEND:VEVENT\r\n"
        b"BEGIN:VEVENT\r\nUID:2\r\nDTSTART;VALUE=DATE:20261224\r\nDTEND;VALUE=DATE:20261226\r\nSUMMARY:Christmas\r\nEND:VEVENT\r\n"
        b"END:VCALENDAR\r\n"
    )
    call_command("sla", "import-holidays", "Madrid office", str(ics))
    call_command("sla", "import-holidays", "Madrid office", str(ics))  # nothing twice
    assert [str(d) for d in madrid.holidays.values_list("date", flat=True)] == [
        "2026-12-08",
        "2026-12-24",
        "2026-12-25",
    ]
