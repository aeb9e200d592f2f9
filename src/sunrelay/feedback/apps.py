from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "sunrelay.feedback"
    label = "feedback"
    verbose_name = "Product feedback"

    def ready(self):
        from sunrelay.feedback import listeners  # noqa: F401 - a feature request solved is an item
