from django.apps import AppConfig


class TeamConfig(AppConfig):
    name = "sunrelay.team"
    label = "team"
    verbose_name = "Team"
