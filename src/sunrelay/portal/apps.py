from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "sunrelay.portal"
    label = "portal"
    verbose_name = "Customer portal"

    def ready(self):
        from sunrelay.lib import worker
        from sunrelay.portal import drains

        worker.register("portal.expire", drains.expire, every=300)
