"""The map from source records to Sunrelay rows (models.SourceRecord), read once per run."""

from __future__ import annotations

import hashlib
import json

from django.utils import timezone

from sunrelay.moving.models import SourceRecord


def fingerprint(raw: object) -> str:
    """A record's hash: equal on two runs exactly when the source record is unchanged."""
    text = json.dumps(raw, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


class Records:
    def __init__(self, source: str) -> None:
        self.source = source
        self._rows = {(r.kind, r.source_id): r for r in SourceRecord.objects.filter(source=source)}

    def get(self, kind: str, source_id: str) -> SourceRecord | None:
        return self._rows.get((kind, source_id))

    def keep(self, kind: str, source_id: str, object_id: int, print_: str = "") -> None:
        row = self._rows.get((kind, source_id))
        now = timezone.now()
        if row is None:
            row = SourceRecord.objects.create(
                source=self.source,
                kind=kind,
                source_id=source_id,
                object_id=object_id,
                fingerprint=print_,
                imported_at=now,
            )
            self._rows[(kind, source_id)] = row
        elif (row.object_id, row.fingerprint) != (object_id, print_):
            row.object_id, row.fingerprint, row.imported_at = object_id, print_, now
            row.save(update_fields=["object_id", "fingerprint", "imported_at"])
