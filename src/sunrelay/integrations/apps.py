from django.apps import AppConfig


class IntegrationsConfig(AppConfig):
    name = "sunrelay.integrations"
    label = "integrations"
    verbose_name = "Integrations"

    def ready(self):
        from sunrelay.integrations import delivery, listeners  # noqa: F401 - bug links, webhooks
        from sunrelay.lib import worker

        worker.register("integrations.deliver_webhooks", delivery.deliver_one)
