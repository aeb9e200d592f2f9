"""Reports' part of the role matrix's world: one target of the leadership report."""

from __future__ import annotations

from sunrelay.reports import leadership_targets


def add(world, users) -> None:
    target = leadership_targets.set_target("csat", "", 0.9, None, users["lead"])
    world.objects["report_target:own"] = target
