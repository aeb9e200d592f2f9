from __future__ import annotations

from django.apps import AppConfig


class MovingConfig(AppConfig):
    name = "sunrelay.moving"
    label = "moving"
    verbose_name = "Moving in (imports from other desks)"
