"""Moving in's part of the role matrix's world: one finished Zendesk import run with a line
it could not map."""

from __future__ import annotations

from django.utils import timezone

from sunrelay.moving.models import ImportRun


def add(world, users) -> None:
    now = timezone.now()
    world.objects["import_run:own"] = ImportRun.objects.create(
        source="zendesk",
        location="/srv/zendesk-export",
        started_at=now,
        finished_at=now,
        counts={"tickets created": 3},
        not_mapped=["custom field 360001: not in the mapping file (3 tickets)"],
    )
