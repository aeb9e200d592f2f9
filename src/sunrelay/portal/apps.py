from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "sunrelay.portal"
    label = "portal"
    verbose_name = "Customer portal"

    def ready(self):
        from sunrelay.lib import worker
        from sunrelay.mail import storage_audit
        from sunrelay.portal import drains, request_files
        from sunrelay.portal.models import RequestFile

        worker.register("portal.expire", drains.expire, every=300)
        storage_audit.register(request_files.KIND, RequestFile)
