from django.apps import AppConfig


class TeamConfig(AppConfig):
    name = "sunrelay.team"
    label = "team"
    verbose_name = "Team"

    def ready(self) -> None:
        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_delete, post_save

        from sunrelay.team.models import StaffProfile, StaffRole
        from sunrelay.team.roles import forget_people

        # The desk's people and where they are (team.roles) are kept between requests.
        for model in (get_user_model(), StaffRole, StaffProfile):
            post_save.connect(forget_people, sender=model, dispatch_uid=f"people-{model}")
            post_delete.connect(forget_people, sender=model, dispatch_uid=f"people-del-{model}")
