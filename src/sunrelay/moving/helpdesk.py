"""A django-helpdesk database as an Export (filled in later)."""

from __future__ import annotations

from sunrelay.moving.mapping import Mapping
from sunrelay.moving.reading import SourceError
from sunrelay.moving.source import Export


def read(url: str, mapping: Mapping) -> Export:
    raise SourceError("Reading django-helpdesk databases is not available yet.")
