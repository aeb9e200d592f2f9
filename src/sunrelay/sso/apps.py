from django.apps import AppConfig


class SsoConfig(AppConfig):
    name = "sunrelay.sso"
    label = "sso"
    verbose_name = "Single sign-on"

    def ready(self) -> None:
        from sunrelay.sso import checks  # noqa: F401  (registers the role-mapping check)
