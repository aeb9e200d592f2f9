"""Tickets whose clock passed a deadline reached exactly at closing time were left in
"warning" by the earlier rule (sla.clock). The due-check now takes a row only when its time
came after it was computed, so these rows would never be checked again: hand their tickets
to the worker's refresh (services.refresh_one_stale), which records the breach."""

from __future__ import annotations

from django.db import migrations
from django.db.models import F

UNSOLVED = ["new", "open", "pending", "on_hold"]


def mark_stale(apps, schema_editor):
    TicketSla = apps.get_model("sla", "TicketSla")
    TicketUrgency = apps.get_model("sla", "TicketUrgency")
    stuck = TicketSla.objects.filter(
        ticket__status__in=UNSOLVED,
        state__in=["ok", "warning"],
        deadline__lte=F("computed_at"),
    ).values("ticket_id")
    TicketUrgency.objects.filter(ticket_id__in=stuck).update(config_version="")


class Migration(migrations.Migration):
    dependencies = [("sla", "0002_config_version")]

    operations = [migrations.RunPython(mark_stale, migrations.RunPython.noop)]
