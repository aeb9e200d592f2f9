from django.apps import AppConfig


class SuccessConfig(AppConfig):
    name = "sunrelay.success"
    label = "success"
    verbose_name = "Customer engineering"
