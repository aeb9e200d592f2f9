"""{% paging_panel %}: the ticket page's urgent-paging panel, with the
form that raises the ticket's level.

Reads the ticket's latest paging runs in one query (and their notifications in one more when
there are any), so the ticket page's own view needs no change to show it.
"""

from __future__ import annotations

from django import template

from sunrelay.desk.models import UNSOLVED_STATUSES
from sunrelay.desk.permissions import can_work_ticket
from sunrelay.paging.forms import PageForm, RaiseLevelForm
from sunrelay.paging.models import PagingNotification

register = template.Library()

RUNS_SHOWN = 3


@register.inclusion_tag("paging/_panel.html", takes_context=True)
def paging_panel(context):
    ticket, user = context["ticket"], context["user"]
    runs = list(
        ticket.paging_runs.select_related("policy", "acknowledged_by", "paged_by").order_by(
            "-created_at", "-id"
        )[:RUNS_SHOWN]
    )
    if runs:
        notes = PagingNotification.objects.filter(run__in=runs).order_by("created_at", "id")
        by_run: dict[int, list] = {}
        for note in notes:
            by_run.setdefault(note.run_id, []).append(note)
        for run in runs:
            run.notes = by_run.get(run.pk, [])
    open_run = next((r for r in runs if r.is_open), None)
    workable = can_work_ticket(user, ticket) and ticket.status in UNSOLVED_STATUSES
    level_form = RaiseLevelForm(ticket=ticket)
    return {
        "ticket": ticket,
        "runs": runs,
        "open_run": open_run,
        "workable": workable,
        "page_form": PageForm(),
        "level_form": level_form if level_form.fields["level"].choices else None,
        "csrf_token": context.get("csrf_token"),
    }
