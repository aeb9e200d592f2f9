from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "sunrelay.projects"
    label = "projects"
    verbose_name = "Projects and hours"
