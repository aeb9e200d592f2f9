"""The demo's rotations and escalation policy.

- Solutions L2: the solutions engineers take level-2 support a week each (Monday 09:00 Madrid).
- Engineering Response Team: two weeks each (Monday 10:00 Madrid).
- Enterprise on-call: support across regions, each region's layer restricted to its own
  weekday daytime (Madrid, New York, San Francisco) over a round-the-clock layer for nights
  and weekends. Núria's layer week falls on her time off next week: the rotation page flags
  the conflict for an override.
- "Urgent customer issue", the default escalation policy: the enterprise person on call,
  then this week's L2 person and the support lead, repeated twice.

Created only where missing (rotations and the policy by name, overrides by person and start),
like the rest of the demo. Layers start four weeks before the anchor's week, so the pages show
history as well as the coming weeks.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User
from django.db import transaction

from sunrelay.paging.models import EscalationPolicy, EscalationStep, StepKind
from sunrelay.schedule.rotations.models import Layer, Override, Participant, Restriction, Rotation

MADRID, NEW_YORK, SAN_FRANCISCO = "Europe/Madrid", "America/New_York", "America/Los_Angeles"
WEEKDAYS = range(5)
WEEKS_OF_HISTORY = 4


def _weekdays(start: str, end: str):
    return [(d, time.fromisoformat(start), time.fromisoformat(end)) for d in WEEKDAYS]


def _layers() -> dict[str, tuple]:
    """name: (time zone, level, description, layers); a layer is
    (name, zone, people, length, unit, hand-off time, restrictions)."""
    return {
        "Solutions L2 (weekly)": (
            MADRID,
            "l2",
            "Solutions engineers take level-2 support a week each.",
            [("SE week", "", ["andres", "tomas"], 1, "weeks", time(9), [])],
        ),
        "Engineering Response Team": (
            MADRID,
            "engineering",
            "Engineering's Response Team fixes what support raises; two weeks each.",
            [("Response Team", "", ["pablo", "lena"], 2, "weeks", time(10), [])],
        ),
        "Enterprise on-call": (
            MADRID,
            "",
            "Urgent enterprise cases: each region covers its own weekday daytime.",
            [
                ("Nights and weekends", "", ["javier", "keisha", "kwame"], 1, "weeks", time(9), []),
                # Weeks alternate from four weeks before the anchor's: the week after it is
                # Núria's, and she is away then (demo.time_model).
                ("Madrid daytime", MADRID, ["javier", "nuria"], 1, "weeks", time(8),
                 _weekdays("08:00", "16:00")),
                ("New York daytime", NEW_YORK, ["keisha"], 1, "weeks", time(9),
                 _weekdays("09:00", "17:00")),
                ("San Francisco daytime", SAN_FRANCISCO, ["kwame"], 1, "weeks", time(14),
                 _weekdays("14:00", "22:00")),
            ],
        ),
    }  # fmt: skip


def _rotations(anchor: datetime, users: dict[str, User], created: Counter) -> dict[str, Rotation]:
    today = anchor.astimezone(ZoneInfo(MADRID)).date()
    first_monday = today - timedelta(days=today.weekday(), weeks=WEEKS_OF_HISTORY)
    result = {}
    for name, (zone, level, description, layers) in _layers().items():
        rotation, new = Rotation.objects.get_or_create(
            name=name, defaults={"time_zone": zone, "level": level, "description": description}
        )
        result[name] = rotation
        if not new:
            continue
        created["rotations"] += 1
        for position, (label, layer_zone, people, length, unit, at, windows) in enumerate(
            layers, start=1
        ):
            layer = Layer.objects.create(
                rotation=rotation,
                position=position,
                name=label,
                time_zone=layer_zone,
                shift_length=length,
                shift_unit=unit,
                handoff_weekday=0,
                handoff_time=at,
                starts_on=first_monday,
            )
            Participant.objects.bulk_create(
                Participant(layer=layer, user=users[u], position=i) for i, u in enumerate(people)
            )
            Restriction.objects.bulk_create(
                Restriction(layer=layer, weekday=d, start=s, end=e) for d, s, e in windows
            )
    return result


def _overrides(anchor: datetime, rotations: dict[str, Rotation], users, created: Counter) -> None:
    madrid = ZoneInfo(MADRID)
    tomorrow = anchor.astimezone(madrid).date() + timedelta(days=1)
    start = datetime.combine(tomorrow, time(9)).replace(tzinfo=madrid)
    # Tomás takes a day of the L2 rotation: whoever had it is at a customer workshop.
    _, new = Override.objects.get_or_create(
        rotation=rotations["Solutions L2 (weekly)"],
        user=users["tomas"],
        starts_at=start,
        defaults={
            "ends_at": start + timedelta(hours=9),
            "reason": "Swap: customer workshop",
            "created_by": users["marta"],
        },
    )
    created["overrides"] += int(new)


def _policy(rotations: dict[str, Rotation], users, created: Counter) -> None:
    policy, new = EscalationPolicy.objects.get_or_create(
        name="Urgent customer issue",
        defaults={
            "description": "Enterprise on-call first, then this week's L2 person and the lead.",
            "repeat_times": 2,
            "is_default": True,
        },
    )
    if not new:
        return
    created["escalation policies"] += 1
    steps = [
        (StepKind.NOTIFY_ON_CALL, rotations["Enterprise on-call"], 0),
        (StepKind.WAIT, None, 10),
        (StepKind.NOTIFY_ON_CALL, rotations["Solutions L2 (weekly)"], 0),
        (StepKind.NOTIFY_PEOPLE, None, 0),
        (StepKind.WAIT, None, 15),
    ]
    for position, (kind, rotation, minutes) in enumerate(steps):
        step = EscalationStep.objects.create(
            policy=policy, position=position, kind=kind, rotation=rotation, wait_minutes=minutes
        )
        if kind == StepKind.NOTIFY_PEOPLE:
            step.people.set([users["marta"]])


NEEDED = {"andres", "tomas", "pablo", "lena", "javier", "nuria", "keisha", "kwame", "marta"}


@transaction.atomic
def load_rotations(anchor: datetime, created: Counter) -> None:
    users = {u.username: u for u in User.objects.filter(username__in=NEEDED)}
    if set(users) != NEEDED:
        return  # a partial team (a half-loaded demo): the next run adds them
    rotations = _rotations(anchor, users, created)
    _overrides(anchor, rotations, users, created)
    _policy(rotations, users, created)
