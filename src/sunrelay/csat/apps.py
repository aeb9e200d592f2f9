from django.apps import AppConfig


class CsatConfig(AppConfig):
    name = "sunrelay.csat"
    label = "csat"
    verbose_name = "Customer satisfaction"

    def ready(self):
        from sunrelay.csat import listeners  # noqa: F401 - a survey for every solve
