"""Customer engineering's part of the role matrix's world: a support request on each
account (Otherco's names Otherco) and a context note on each account's ticket."""

from __future__ import annotations

from sunrelay.success import forms_to_support


def add(world, users) -> None:
    objects, lead = world.objects, users["lead"]
    for key, name in (("own", "Ownco"), ("other", "Otherco")):
        ticket = objects[f"ticket:{key}"]
        objects[f"context_note:{key}"] = forms_to_support.add_context(
            lead,
            ticket=ticket,
            customer_name=f"{name} Maps",
            issue_link=f"https://chat.example.test/{key}",
            background=f"{name} context for support.",
        )
        objects[f"support_request:{key}"] = forms_to_support.file_request(
            lead,
            ticket=ticket,
            customer_name=f"{name} customer",
            issue_link=f"#{ticket.pk}",
            ask=f"Look at {name} first.",
            why="Renewal.",
            if_not="Churn.",
        )
