from django.apps import AppConfig


class KbConfig(AppConfig):
    name = "sunrelay.kb"
    label = "kb"
    verbose_name = "Knowledge"

    def ready(self):
        from sunrelay.kb import indexing  # noqa: F401 - makes articles searchable
