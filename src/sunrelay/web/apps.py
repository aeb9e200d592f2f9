from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "sunrelay.web"
    label = "web"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from sunrelay.web.security import fresh_at_log_in

        user_logged_in.connect(fresh_at_log_in, dispatch_uid="sunrelay.web.fresh_at_log_in")
