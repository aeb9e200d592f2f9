from django.apps import AppConfig


class SlaConfig(AppConfig):
    name = "sunrelay.sla"
    label = "sla"
    verbose_name = "SLAs and calendars"

    def ready(self):
        from sunrelay.lib import worker
        from sunrelay.sla import listeners, queues, services, signals  # noqa: F401 - receivers

        queues.register()
        worker.register("sla.check_due", services.check_one_due)
        worker.register("sla.refresh_stale", services.refresh_one_stale)
