from django.apps import AppConfig


class HealthConfig(AppConfig):
    name = "sunrelay.health"
    label = "health"
    verbose_name = "Customer health"

    def ready(self) -> None:
        from sunrelay.health import daily
        from sunrelay.lib import worker

        # Once a day is what a score means; the drain looks every ten minutes whether today's
        # scores exist and makes them when they do not.
        worker.register("health.score_today", daily.score_today_once, every=600)
