from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "sunrelay.web"
    label = "web"
