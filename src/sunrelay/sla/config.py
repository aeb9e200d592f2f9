"""Loading calendars and policies from the database, cached until one of them changes."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from sunrelay.sla.calendar import AlwaysOpen, BusinessCalendar, WeeklyInterval
from sunrelay.sla.clock import Metric, Target
from sunrelay.sla.models import Calendar, ConfigVersion, Policy

ALWAYS_OPEN = AlwaysOpen()


@dataclass(frozen=True)
class LoadedPolicy:
    id: int
    name: str
    tiers: frozenset[str]
    priorities: frozenset[str]
    channels: frozenset[str]
    tags: frozenset[str]
    calendar_id: int | None
    warn_share: float
    targets: tuple[Target, ...]

    def matches(self, *, tier: str, priority: str, channel: str, tags: set[str]) -> bool:
        return (
            (not self.tiers or tier in self.tiers)
            and (not self.priorities or priority in self.priorities)
            and (not self.channels or channel in self.channels)
            and (not self.tags or bool(self.tags & tags))
        )

    def calendar_id_for(self, account_calendar_id: int | None) -> int | None:
        """The calendar a ticket's clocks run on: its account's own, else the policy's."""
        return account_calendar_id or self.calendar_id


@dataclass(frozen=True)
class SlaConfig:
    policies: tuple[LoadedPolicy, ...]
    calendars: dict[int, BusinessCalendar]
    # Changes whenever a policy or calendar changes; stored with each ticket's computed
    # state so the worker can find tickets computed under an older configuration.
    version: str = ""

    def policy_for(
        self, *, tier: str, priority: str, channel: str, tags: set[str]
    ) -> LoadedPolicy | None:
        for policy in self.policies:
            if policy.matches(tier=tier, priority=priority, channel=channel, tags=tags):
                return policy
        return None

    def calendar(self, calendar_id: int | None, business: bool):
        if not business or calendar_id is None or calendar_id not in self.calendars:
            return ALWAYS_OPEN
        return self.calendars[calendar_id]


def changed() -> None:
    """Say that calendars or policies changed: every process reloads them, and the worker
    recomputes the tickets computed before. Saving or deleting them through the ORM calls
    this (sla.signals); bulk writers call it themselves when done."""
    token = secrets.token_hex(8)
    if not ConfigVersion.objects.filter(pk=1).update(token=token):
        try:
            with transaction.atomic():
                ConfigVersion.objects.create(pk=1, token=token)
        except IntegrityError:  # created meanwhile by another process
            ConfigVersion.objects.filter(pk=1).update(token=token)


def _stamp() -> str:
    # "0" until the first change; never "", which marks a ticket stale (services.mark_stale).
    return ConfigVersion.objects.filter(pk=1).values_list("token", flat=True).first() or "0"


def _load(version: str) -> SlaConfig:
    calendars = {}
    for cal in Calendar.objects.prefetch_related("intervals", "holidays"):
        calendars[cal.pk] = BusinessCalendar(
            cal.time_zone,
            [WeeklyInterval(i.weekday, i.start, i.end) for i in cal.intervals.all()],
            [h.date for h in cal.holidays.all()],
        )
    policies = tuple(
        LoadedPolicy(
            id=p.pk,
            name=p.name,
            tiers=frozenset(p.tiers),
            priorities=frozenset(p.priorities),
            channels=frozenset(p.channels),
            tags=frozenset(p.tags),
            calendar_id=p.calendar_id,
            warn_share=p.warn_share,
            targets=tuple(Target(Metric(t.metric), t.minutes, t.business) for t in p.targets.all()),
        )
        for p in Policy.objects.filter(active=True).prefetch_related("targets")
    )
    return SlaConfig(policies=policies, calendars=calendars, version=version)


_cache: dict[str, object] = {}


def current() -> SlaConfig:
    """The configuration in force; one small query checks whether the cache is still good."""
    stamp = _stamp()
    if "config" not in _cache or _cache.get("stamp") != stamp:
        _cache["config"] = _load(stamp)
        _cache["stamp"] = stamp
    return _cache["config"]  # type: ignore[return-value]
