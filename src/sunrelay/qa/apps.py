from __future__ import annotations

from django.apps import AppConfig


class QaConfig(AppConfig):
    name = "sunrelay.qa"
    label = "qa"
    verbose_name = "Q&A-site channel"

    def ready(self) -> None:
        # The scheduled import of the configured sources; see sunrelay.lib.worker.
        from sunrelay.lib import worker
        from sunrelay.qa import drains

        worker.register("qa.import_sources", drains.import_due, every=drains.interval)
