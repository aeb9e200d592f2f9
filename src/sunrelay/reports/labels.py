"""Names of the keys the reports group by, as a lead would say them."""

from __future__ import annotations

from sunrelay.accounts.models import SkillLevel, Tier
from sunrelay.desk.models import Cause, Channel, Level

NO_ACCOUNT = "none"

# Highest tier first: the order of every table by tier.
TIERS = {
    Tier.PARTNER.value: "Partner",
    Tier.ENTERPRISE.value: "Enterprise",
    Tier.PRO.value: "Pro",
    Tier.BASIC.value: "Basic",
    Tier.FREE.value: "Free",
    NO_ACCOUNT: "No account",
}
STRATEGIC = {"strategic": "Strategic accounts", "other": "Other accounts"}
CHANNELS = dict(Channel.choices)
LEVELS = dict(Level.choices)
SKILLS = dict(SkillLevel.choices)
CAUSES = {**dict(Cause.choices), "": "No cause recorded"}
METRICS = {
    "first_reply": "First reply",
    "next_reply": "Next reply",
    "periodic_update": "Periodic update",
    "resolution": "Resolution",
}
DIMENSIONS = {
    "tier": "Tier",
    "strategic": "Strategic or not",
    "channel": "Channel",
    "level": "Level",
    "region": "Region",
    "agent": "Agent",
    "skill": "Skill level",
}
UNKNOWN = "unknown"


def tier(key: str) -> str:
    return TIERS.get(key, key.capitalize() if key else "No account")


def join_words(words: list[str]) -> str:
    """["Enterprise", "Partner"] -> "Enterprise and Partner"; three or more with commas."""
    if not words:
        return ""
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + " and " + words[-1]


def zone_city(zone: str) -> str:
    return zone.rsplit("/", 1)[-1].replace("_", " ") if zone else "Unknown region"


def region_labels(people) -> dict[str, str]:
    """Time zone -> the team's cities in it ("Madrid · Valencia"), from names.Person rows."""
    cities: dict[str, set[str]] = {}
    for person in people:
        cities.setdefault(person.zone, set())
        if person.location:
            cities[person.zone].add(person.location)
    return {zone: " · ".join(sorted(names)) or zone_city(zone) for zone, names in cities.items()}
