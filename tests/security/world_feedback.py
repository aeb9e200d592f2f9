"""Product feedback's part of the role matrix's world: an item on each account under one
theme, an item without one (and its suggestion), a shipped theme with its drafted notice and a
share link."""

from __future__ import annotations

from sunrelay.feedback import services, shares, suggestions
from sunrelay.feedback.models import Suggestion


def add(world, users) -> None:
    objects, lead = world.objects, users["lead"]
    theme = services.create_theme(lead, name="Offline maps")
    objects["theme:own"] = theme
    for key in ("own", "other"):
        ticket = objects[f"ticket:{key}"]
        objects[f"item:{key}"] = services.capture(
            lead, quote="Offline maps on mobile", ticket=ticket, theme=theme
        )
    services.capture(lead, quote="Offline maps for mobile crews", ticket=objects["ticket:own"])
    suggestions.refresh()
    objects["suggestion:own"] = Suggestion.objects.first()
    shipped = services.create_theme(lead, name="Dark basemap")
    services.capture(lead, quote="A dark basemap", ticket=objects["ticket:own"], theme=shipped)
    services.set_status(lead, shipped, "shipped")
    objects["theme:shipped"] = shipped
    link = shares.make(lead)
    objects["share:own"] = link
    world.secrets["share"] = link.token
