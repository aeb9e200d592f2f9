"""The report data follows the event log: marked on every change, computed before a report
reads it, found when loaded in bulk, rebuilt on demand."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command

from sunrelay.desk import services as desk
from sunrelay.desk.models import Ticket, TicketEvent
from sunrelay.lib import worker
from sunrelay.reports import refresh
from sunrelay.reports.models import Clock, DirtyTicket, TicketFact
from sunrelay.sla.models import Target
from tests.factories import make_ticket
from tests.reports.conftest import at

pytestmark = pytest.mark.django_db


def clocks(ticket, metric):
    return list(Clock.objects.filter(ticket_id=ticket.pk, metric=metric).order_by("seq"))


def test_every_change_marks_the_ticket_and_a_report_brings_it_up_to_date(office, contact, agent):
    ticket = make_ticket(contact, at=at(17, 10))
    assert DirtyTicket.objects.filter(ticket_id=ticket.pk).exists()
    refresh.ensure_fresh()
    assert not DirtyTicket.objects.exists()
    (first,) = clocks(ticket, "first_reply")
    assert first.stopped_at is None and first.breach_at == at(17, 14)
    desk.reply(ticket, agent, "On it.", at=at(17, 11))
    refresh.ensure_fresh()
    (first,) = clocks(ticket, "first_reply")
    assert (first.business_minutes, first.agent_id, first.breach_at) == (60, agent.pk, None)
    fact = TicketFact.objects.get(pk=ticket.pk)
    assert (fact.tier, fact.first_reply_at, fact.skill) == ("enterprise", at(17, 11), "beginner")


def test_dimension_changes_move_the_ticket(office, contact, agent):
    ticket = make_ticket(contact, at=at(17, 10))
    desk.update_ticket(ticket, agent, at=at(17, 10, 5), level="l2", assignee=agent)
    refresh.ensure_fresh()
    fact = TicketFact.objects.get(pk=ticket.pk)
    assert (fact.level, fact.assignee_id) == ("l2", agent.pk)
    assert set(Clock.objects.filter(ticket_id=ticket.pk).values_list("level", flat=True)) == {"l2"}


def test_tickets_loaded_without_signals_are_found(office, contact):
    loaded = Ticket.objects.create(
        subject="Imported", requester=contact, account=contact.account, created_at=at(16, 9),
        updated_at=at(16, 9),
    )  # fmt: skip
    TicketEvent.objects.bulk_create(
        [TicketEvent(ticket=loaded, kind="created", at=at(16, 9), new={"status": "new"})]
    )
    assert refresh.pending() == 1
    refresh.ensure_fresh()
    assert TicketFact.objects.filter(pk=loaded.pk).exists()
    # One below the highest computed id is left for the sweep.
    TicketFact.objects.filter(pk=loaded.pk).delete()
    newer = make_ticket(contact, at=at(16, 10))
    refresh.ensure_fresh()
    assert not TicketFact.objects.filter(pk=loaded.pk).exists()
    worker.run_until_idle(["reports.sweep"])
    assert TicketFact.objects.filter(pk__in=[loaded.pk, newer.pk]).count() == 2


def test_the_worker_computes_dirty_tickets_in_batches(office, contact, agent):
    tickets = [make_ticket(contact, subject=f"T{i}", at=at(17, 9)) for i in range(3)]
    worker.run_until_idle(["reports.refresh"])
    assert not DirtyTicket.objects.exists()
    assert TicketFact.objects.filter(pk__in=[t.pk for t in tickets]).count() == 3


def test_targets_stay_as_computed_until_a_full_refresh(office, contact, agent):
    ticket = make_ticket(contact, at=at(17, 10))
    refresh.ensure_fresh()
    assert clocks(ticket, "first_reply")[0].target_minutes == 240
    Target.objects.filter(metric="first_reply", minutes=240).update(minutes=120)
    office.save()
    refresh.ensure_fresh()
    assert clocks(ticket, "first_reply")[0].target_minutes == 240
    call_command("report", "refresh", "--all", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert clocks(ticket, "first_reply")[0].target_minutes == 120


def test_the_closing_time_rule_queues_every_targeted_clock_again(office, contact):
    ticket = make_ticket(contact, at=at(17, 10))
    refresh.ensure_fresh()
    assert not DirtyTicket.objects.exists()
    name = "sunrelay.reports.migrations.0002_recompute_clocks_by_the_closing_time_rule"
    import_module(name).mark_dirty(django_apps, None)
    assert list(DirtyTicket.objects.values_list("ticket_id", flat=True)) == [ticket.pk]
    import_module(name).mark_dirty(django_apps, None)  # already queued: nothing twice
    assert DirtyTicket.objects.count() == 1


def test_deleting_a_ticket_takes_its_report_data(office, contact):
    ticket = make_ticket(contact, at=at(17, 10))
    refresh.ensure_fresh()
    Ticket.objects.filter(pk=ticket.pk).delete()
    assert not TicketFact.objects.exists() and not Clock.objects.exists()
    refresh.ensure_fresh()  # the dirty mark of a ticket that is gone is dropped
    assert not DirtyTicket.objects.exists()
