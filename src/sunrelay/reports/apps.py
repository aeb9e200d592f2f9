from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "sunrelay.reports"
    label = "reports"
    verbose_name = "Reports"

    def ready(self):
        from sunrelay.lib import worker
        from sunrelay.reports import (  # noqa: F401  (signals connect)
            drains,
            leadership_mailing,
            mailing,
            signals,
        )

        worker.register("reports.refresh", drains.refresh_some, every=5)
        worker.register("reports.sweep", drains.sweep, every=600)
        worker.register("reports.send_weekly", mailing.send_due, every=60)
        worker.register("reports.send_leadership", leadership_mailing.send_due, every=300)
