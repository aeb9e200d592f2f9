from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "sunrelay.notify"
    label = "notify"
    verbose_name = "Notifications"

    def ready(self):
        from sunrelay.notify import listeners  # noqa: F401 - connects receivers
