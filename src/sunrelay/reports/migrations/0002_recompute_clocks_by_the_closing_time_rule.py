"""The report clocks now say a target was breached at a deadline reached exactly at closing
time once the clock ran on, as the SLA clock does (sla.clock.breach_in). Clocks computed
before keep the earlier answer: queue every ticket with a targeted clock for the worker's
refresh (reports.refresh.refresh_dirty), as `sunrelay report refresh --all` would."""

from __future__ import annotations

from django.db import migrations
from django.utils import timezone

BATCH = 5000


def mark_dirty(apps, schema_editor):
    Clock = apps.get_model("reports", "Clock")
    DirtyTicket = apps.get_model("reports", "DirtyTicket")
    now = timezone.now()
    ids = (
        Clock.objects.filter(target_minutes__isnull=False)
        .values_list("ticket_id", flat=True)
        .distinct()
        .order_by("ticket_id")
    )
    queued = set(DirtyTicket.objects.values_list("ticket_id", flat=True))
    rows = [DirtyTicket(ticket_id=pk, marked_at=now) for pk in ids.iterator() if pk not in queued]
    DirtyTicket.objects.bulk_create(rows, batch_size=BATCH)


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]

    operations = [migrations.RunPython(mark_dirty, migrations.RunPython.noop)]
