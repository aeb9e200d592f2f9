from django.apps import AppConfig


class PagingConfig(AppConfig):
    name = "sunrelay.paging"
    label = "paging"
    verbose_name = "Urgent paging"

    def ready(self):
        from sunrelay.lib import worker
        from sunrelay.paging import listeners, steps, webhooks  # noqa: F401 - connects receivers

        worker.register("paging.steps", steps.advance_one)
        worker.register("paging.webhooks", webhooks.deliver_one)
