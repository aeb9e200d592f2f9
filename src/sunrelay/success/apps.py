from django.apps import AppConfig


class SuccessConfig(AppConfig):
    name = "sunrelay.success"
    label = "success"
    verbose_name = "Customer engineering"

    def ready(self):
        from sunrelay.success import listeners  # noqa: F401 - keeps the teams' history
