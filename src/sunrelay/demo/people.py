"""The demo team: who works where, in which roles, and when.

Pure data. Working hours are local to each person's time zone, Monday = 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from sunrelay.team.models import Role

# One documented password for every demo log-in; printed at the end of `sunrelay demo`.
DEMO_PASSWORD = "sunrelay-demo"  # noqa: S105 - a published demo credential, not a secret
STAFF_EMAIL_DOMAIN = "sunrelay.test"

WEEKDAYS = (0, 1, 2, 3, 4)


@dataclass(frozen=True)
class StaffMember:
    username: str
    first_name: str
    last_name: str
    city: str
    time_zone: str
    roles: tuple[str, ...]
    # (weekday, start, end) in local time; an end not after its start runs past midnight.
    hours: tuple[tuple[int, time, time], ...]
    superuser: bool = False

    @property
    def email(self) -> str:
        return f"{self.username}@{STAFF_EMAIL_DOMAIN}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


def weekdays(start: str, end: str, days: tuple[int, ...] = WEEKDAYS):
    """The same hours on each of `days`."""
    s, e = time.fromisoformat(start), time.fromisoformat(end)
    return tuple((day, s, e) for day in days)


# A Spanish office week: split day Monday to Thursday, short Friday.
_MADRID_SPLIT = (
    weekdays("09:00", "14:00", (0, 1, 2, 3))
    + weekdays("15:00", "18:30", (0, 1, 2, 3))
    + weekdays("08:00", "15:00", (4,))
)

MADRID = ("Madrid", "Europe/Madrid")
VALENCIA = ("Valencia", "Europe/Madrid")
NEW_YORK = ("New York", "America/New_York")
DENVER = ("Denver", "America/Denver")
SAN_FRANCISCO = ("San Francisco", "America/Los_Angeles")


def _member(username, first, last, place, roles, hours, superuser=False) -> StaffMember:
    city, tz = place
    return StaffMember(username, first, last, city, tz, tuple(roles), hours, superuser)


# Support shifts chain through the day (UTC, winter): Madrid early 06-14, Denver and
# New York 14-22, San Francisco late 22-06. Weekends are not covered.
STAFF: tuple[StaffMember, ...] = (
    _member("marta", "Marta", "Ibáñez", MADRID, [Role.LEAD, Role.SUPPORT], _MADRID_SPLIT, True),
    _member("javier", "Javier", "Ortega", MADRID, [Role.SUPPORT], weekdays("07:00", "15:00")),
    _member("nuria", "Núria", "Puig", VALENCIA, [Role.SUPPORT], weekdays("09:00", "17:00")),
    _member("keisha", "Keisha", "Thompson", NEW_YORK, [Role.SUPPORT], weekdays("09:00", "17:00")),
    _member("emily", "Emily", "Nakamura", DENVER, [Role.SUPPORT], weekdays("07:00", "15:00")),
    _member("kwame", "Kwame", "Mensah", SAN_FRANCISCO, [Role.SUPPORT], weekdays("14:00", "22:00")),
    _member("andres", "Andrés", "Molina", MADRID, [Role.SOLUTIONS], weekdays("09:30", "18:00")),
    _member("tomas", "Tomás", "Herrera", DENVER, [Role.SOLUTIONS], weekdays("08:00", "16:30")),
    _member("ines", "Inés", "Castro", VALENCIA, [Role.CUSTOMER], weekdays("08:30", "16:30")),
    _member("priya", "Priya", "Raman", NEW_YORK, [Role.CUSTOMER], weekdays("09:00", "17:30")),
    _member(
        "hannah", "Hannah", "Okafor", SAN_FRANCISCO, [Role.CUSTOMER], weekdays("09:00", "17:00")
    ),
    _member("carmen", "Carmen", "Vidal", MADRID, [Role.SALES], weekdays("09:00", "18:00")),
    _member("daniel", "Daniel", "Cohen", NEW_YORK, [Role.SALES], weekdays("08:30", "17:00")),
    _member("pablo", "Pablo", "Serrano", MADRID, [Role.ENGINEERING], weekdays("10:00", "18:00")),
    # Pablo's partner on the Response Team rotation (two weeks each, demo/rotations.py).
    _member("lena", "Lena", "Fischer", NEW_YORK, [Role.ENGINEERING], weekdays("09:00", "17:00")),
)

# Stable AE + CE pairs (the CE's region decides which accounts they take).
ACCOUNT_TEAMS: tuple[tuple[str, str, str], ...] = (
    # (region, AE, CE)
    ("emea_apac", "carmen", "ines"),
    ("americas_east", "daniel", "priya"),
    ("americas_west", "daniel", "hannah"),
)


def with_role(role: str) -> list[StaffMember]:
    return [m for m in STAFF if role in m.roles]


def by_username(username: str) -> StaffMember:
    for member in STAFF:
        if member.username == username:
            return member
    raise KeyError(username)
