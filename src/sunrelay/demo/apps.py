from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "sunrelay.demo"
    label = "demo"
