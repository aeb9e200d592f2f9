from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "sunrelay.desk"
    label = "desk"
