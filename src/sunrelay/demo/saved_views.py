"""The demo's saved views: a few the lead shares with everyone and one of Keisha's own, so the
queue navigation shows what views are for. Created only where missing (by owner and name)."""

from __future__ import annotations

from django.contrib.auth.models import User

from sunrelay.desk import saved_views
from sunrelay.desk.models import SavedView

# owner, name, queue, filters, shared
VIEWS = (
    ("marta", "SLA breached", "open", {"sla": "breached"}, True),
    ("marta", "Strategic: deadline near", "strategic", {"sla": "warning"}, True),
    ("marta", "Waiting on a bug fix", "open", {"bug": "yes", "status": "on_hold"}, True),
    ("keisha", "My L2 work", "mine", {"level": "l2"}, False),
)


def load_saved_views() -> int:
    """Create the views that are missing; returns how many were created."""
    created = 0
    for username, name, queue, filters, shared in VIEWS:
        owner = User.objects.filter(username=username).first()
        if owner is None or SavedView.objects.filter(owner=owner, name=name).exists():
            continue
        saved_views.create_view(owner, name=name, queue=queue, filters=filters, shared=shared)
        created += 1
    return created
