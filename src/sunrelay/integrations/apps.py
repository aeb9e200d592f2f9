from django.apps import AppConfig


class IntegrationsConfig(AppConfig):
    name = "sunrelay.integrations"
    label = "integrations"
    verbose_name = "Integrations"

    def ready(self):
        from sunrelay.integrations import listeners  # noqa: F401 - bug links follow tickets
