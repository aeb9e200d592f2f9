"""Projects' part of the role matrix's world: a project on each account (Otherco's names
Otherco) with support's time on it and on the account's ticket."""

from __future__ import annotations

from django.utils import timezone

from sunrelay.projects import services


def add(world, users) -> None:
    objects, lead, alba = world.objects, users["lead"], users["support"]
    for key, name in (("own", "Ownco"), ("other", "Otherco")):
        project = services.create_project(
            lead,
            owner=alba,
            accounts=[objects[f"account:{key}"]],
            name=f"{name} tile cache",
            objectives=f"{name}'s tiles within 200 ms.",
            impact=3,
        )
        objects[f"project:{key}"] = project
        objects[f"time_entry:{key}"], _ = services.log_time(
            alba, day=timezone.localdate(), minutes=30, ticket=objects[f"ticket:{key}"]
        )
        services.log_time(alba, day=timezone.localdate(), minutes=45, project=project)
