"""The demo's import run: the sample Zendesk export beside this module (zendesk_sample/,
the format of docs/migrating.md) imported as a dry run, so More → Imports shows a real run,
its counts and what it could not map, without adding its tickets to the story. Once."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from sunrelay.moving import zendesk
from sunrelay.moving.mapping import load
from sunrelay.moving.models import ImportRun
from sunrelay.moving.runs import run
from sunrelay.moving.writer import Options

SAMPLE = Path(__file__).with_name("zendesk_sample")


def load_moving(created: Counter) -> None:
    if ImportRun.objects.exists():
        return
    mapping = load(SAMPLE / "mapping.toml")
    options = Options(source="zendesk", default_cause=mapping.default_cause, files_from=str(SAMPLE))
    run("zendesk", str(SAMPLE), lambda: zendesk.read(SAMPLE, mapping), options, dry_run=True)
    created["import runs"] += 1
