from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "sunrelay.api"
    label = "api"
