"""/imports: the runs of `sunrelay import` (moving/, docs/migrating.md), for leads; imports
themselves run from the command line."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from sunrelay.api.auth import actor
from sunrelay.api.schemas import Id, Paging, page
from sunrelay.moving.access import check_imports
from sunrelay.moving.models import ImportRun

router = Router(tags=["imports"])


class ImportRunOut(Schema):
    id: int
    source: str = Field(description="zendesk or django-helpdesk")
    location: str = Field(description="The folder, or the database URL without its password.")
    dry_run: bool
    started_at: datetime
    finished_at: datetime | None
    counts: dict[str, int]
    not_mapped: list[str] = Field(description="What could not be mapped, in words.")
    error: str


class ImportRunPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ImportRunOut]


@router.get("", response=ImportRunPage, summary="Import runs, newest first")
def list_runs(request: HttpRequest, paging: Query[Paging]):
    check_imports(actor(request))
    return page(ImportRun.objects.all(), paging)


@router.get("/{run_id}", response=ImportRunOut, summary="An import run")
def get_run(request: HttpRequest, run_id: Id):
    check_imports(actor(request))
    return get_object_or_404(ImportRun, pk=run_id)
