"""The demo's CSAT history: surveys of recent solves, about half rated, a spread per tier
and agent, some comments, no e-mail sent now, and nothing new on a second run."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from sunrelay.csat.models import Survey
from sunrelay.desk.models import EventKind, Status, TicketEvent
from sunrelay.mail.models import Outbox, OutboxKind
from tests.demo.conftest import SMALL_ARGS

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_csat_history_through_the_real_surveys():
    call_command("demo", *SMALL_ARGS, "--quiet", stdout=StringIO())
    surveys = Survey.objects.all()
    solves = TicketEvent.objects.filter(kind=EventKind.STATUS, new=Status.SOLVED)
    assert 0 < surveys.count() <= solves.count()
    assert all(s.solve.new == "solved" and s.sent_at == s.solved_at for s in surveys)
    rated = surveys.exclude(rating="")
    assert 0.3 < rated.count() / surveys.count() < 0.6
    assert rated.filter(rating="good").exists() and rated.filter(rating="bad").exists()
    assert rated.exclude(comment="").exists()
    assert len(set(rated.values_list("tier", flat=True))) >= 3
    assert len(set(rated.values_list("agent", flat=True))) >= 3
    assert not Outbox.objects.filter(kind=OutboxKind.NOTICE).exists()
    before = surveys.count()
    call_command("demo", *SMALL_ARGS, "--quiet", stdout=StringIO())
    assert Survey.objects.count() == before
