"""The report's request, shared by the page, the CSV and Markdown downloads and the API:
which week, which filters. Unknown values are errors, never silently dropped."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.http import urlencode

from sunrelay.lib import bounds
from sunrelay.lib.timezones import known_time_zones
from sunrelay.reports import conf, labels, names, weekly
from sunrelay.reports.periods import Week
from sunrelay.reports.queries import Scope
from sunrelay.team.roles import ticket_workers, works_tickets


def check_can_see_reports(user) -> None:
    """Reports are for the people who work tickets (support, solutions and customer
    engineers, engineering, leads); sales and people without a role are refused."""
    if not works_tickets(user):
        raise PermissionDenied("Reports are for staff who work tickets and their leads.")


@dataclass
class ReportRequest:
    week: Week
    scope: Scope
    errors: list[str] = field(default_factory=list)

    def query(self, week: Week | None = None) -> str:
        """The query string of this request (for another week, if given)."""
        values = {"week": (week or self.week).label}
        if self.scope.tier:
            values["tier"] = self.scope.tier
        if self.scope.region:
            values["region"] = self.scope.region
        if self.scope.agent is not None:
            values["agent"] = str(self.scope.agent)
        return urlencode(values)


def parse(data: Mapping[str, str], now: datetime | None = None) -> ReportRequest:
    errors = []
    zone = conf.time_zone()
    week = weekly.default_week(now)
    if (data.get("week") or "").strip():
        try:
            week = Week.parse(data["week"], zone)
        except ValueError as exc:
            errors.append(str(exc))
        else:
            if week.start > (now or timezone.now()):
                errors.append(f"{week.label} has not begun yet.")
                week = weekly.default_week(now)
    tier = (data.get("tier") or "").strip().lower()
    if tier and tier not in labels.TIERS:
        errors.append(f"{tier!r} is not a tier: {', '.join(labels.TIERS)}.")
        tier = ""
    region = (data.get("region") or "").strip()
    if region and region not in known_time_zones():
        errors.append(f"{region!r} is not a region's time zone, such as Europe/Madrid.")
        region = ""
    agent = None
    raw_agent = (data.get("agent") or "").strip()
    if raw_agent:
        try:
            agent = bounds.parse_id(raw_agent, "person's id")
        except ValueError as exc:
            errors.append(str(exc))
    return ReportRequest(week, Scope(tier=tier, region=region, agent=agent), errors)


def choices() -> dict:
    """The filters' options: tiers, the regions people work in, the people who work tickets."""
    people = names.staff()
    working = set(
        ticket_workers(superusers=False, former=True).order_by().values_list("pk", flat=True)
    )
    team = [p for p in people.values() if p.id in working]
    regions = labels.region_labels(team)
    return {
        "tiers": list(labels.TIERS.items()),
        "regions": sorted(regions.items(), key=lambda kv: kv[1]),
        "agents": sorted(((str(p.id), p.name) for p in team), key=lambda kv: kv[1].lower()),
    }
