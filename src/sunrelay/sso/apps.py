from django.apps import AppConfig


class SsoConfig(AppConfig):
    name = "sunrelay.sso"
    label = "sso"
    verbose_name = "Single sign-on"
