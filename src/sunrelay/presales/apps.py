from django.apps import AppConfig


class PresalesConfig(AppConfig):
    name = "sunrelay.presales"
    label = "presales"
    verbose_name = "Pre-sales"
