"""Worker drains for follow-the-sun (registered in ScheduleConfig.ready)."""

from __future__ import annotations

from django.utils import timezone

from sunrelay.desk.models import Status, Ticket
from sunrelay.schedule import handoffs, services, shift_ends
from sunrelay.schedule.roster import load_people
from sunrelay.sla.queues import urgency_order
from sunrelay.team.models import TimeOff

# Unassigned tickets routed per pass; the rest wait for the next pass.
ROUTE_BATCH = 200


def route_one_unassigned() -> bool:
    """Route new unassigned tickets, most urgent first. Always returns False: the pass is
    complete, tickets nobody can take now wait for the next pass."""
    now = timezone.now()
    waiting = list(
        Ticket.objects.filter(status=Status.NEW, assignee__isnull=True)
        .order_by(*urgency_order(), "created_at")
        .values_list("pk", flat=True)[:ROUTE_BATCH]
    )
    if waiting:
        people, loads = load_people(now.date()), services.open_loads()
        for pk in waiting:
            services.route(Ticket(pk=pk), now, people=people, loads=loads)
    return False


def hand_off_ending_shifts() -> bool:
    shift_ends.hand_off_ending_shifts(timezone.now())
    return False


def hand_back() -> bool:
    """Give held tickets back to owners on shift again. The pass is complete: False."""
    handoffs.hand_back_due(timezone.now())
    return False


def apply_one_time_off() -> bool:
    """Apply the coverage plan of one time off that has begun. True when one was applied."""
    now = timezone.now()
    for time_off in TimeOff.objects.filter(
        applied_at__isnull=True, last_day__gte=now.date()
    ).select_related("user__staff_profile")[:50]:
        from zoneinfo import ZoneInfo

        local_today = now.astimezone(ZoneInfo(time_off.user.staff_profile.time_zone)).date()
        if time_off.first_day <= local_today:
            services.apply_time_off(time_off, now)
            return True
    return False
