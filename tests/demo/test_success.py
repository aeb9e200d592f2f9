"""The demo's customer engineering: a team change in the history, context notes from CEs,
support requests in each state, no e-mail about them now, and nothing new on a second run."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from sunrelay.mail.models import Outbox
from sunrelay.success import cadence
from sunrelay.success.models import Cadence, ContextNote, MeetingNote, SupportRequest, TeamChange
from tests.demo.conftest import ANCHOR, SMALL_ARGS

pytestmark = pytest.mark.django_db


def test_the_demo_has_customer_engineering_through_the_services():
    call_command("demo", *SMALL_ARGS, "--quiet", stdout=StringIO())
    change = TeamChange.objects.get()
    assert change.account.ce == change.ce and change.changed_by.username == "marta"
    notes = ContextNote.objects.all()
    assert notes.count() == 3
    assert all(n.ticket.account.ce == n.author for n in notes)
    states = sorted(SupportRequest.objects.values_list("status", flat=True))
    assert states == ["accepted", "done", "new"]
    assert not Outbox.objects.filter(subject__contains="support request").exists()
    assert Cadence.objects.count() == 2 and MeetingNote.objects.count() == 1
    overdue = cadence.overdue_accounts(
        Cadence.objects.values_list("account", flat=True), ANCHOR.date()
    )
    assert len(overdue) == 1
    call_command("demo", *SMALL_ARGS, "--quiet", stdout=StringIO())
    again = (TeamChange, ContextNote, SupportRequest, Cadence, MeetingNote)
    assert [m.objects.count() for m in again] == [1, 3, 3, 2, 1]
