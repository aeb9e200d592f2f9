"""The demo's import run: a dry run of the sample Zendesk export, once, that adds nothing to
the story's tickets."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from sunrelay.desk.models import Ticket
from sunrelay.moving.models import ImportRun, SourceRecord
from tests.demo.conftest import SMALL_ARGS

pytestmark = pytest.mark.django_db


def test_the_demo_shows_a_dry_run_of_the_sample_export():
    call_command("demo", *SMALL_ARGS, "--quiet", stdout=StringIO())
    run = ImportRun.objects.get()
    assert run.dry_run and run.source == "zendesk" and not run.error
    assert run.counts["tickets created"] == 3 and run.counts["accounts created"] == 2
    assert any("custom field 360077" in line for line in run.not_mapped)
    assert any("search.png" in line for line in run.not_mapped)
    assert not Ticket.objects.filter(external_ref__startswith="zendesk:").exists()
    assert not SourceRecord.objects.exists()
    call_command("demo", *SMALL_ARGS, "--quiet", stdout=StringIO())
    assert ImportRun.objects.count() == 1
