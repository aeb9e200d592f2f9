"""Rotation pages: every rotation with who is on call now and next; one rotation's timeline
for the coming weeks with an override form; calendar feeds. Writes go through
schedule.overrides and schedule.feeds."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from sunrelay.lib import bounds
from sunrelay.lib.forms import apply_service_errors
from sunrelay.schedule import feeds, oncall, overrides
from sunrelay.schedule.rotations import pages
from sunrelay.schedule.rotations.forms import LOCAL_INPUT, OverrideForm
from sunrelay.schedule.rotations.models import CalendarFeed, Override, Rotation
from sunrelay.sla.calendar import format_offset, local_to_utc
from sunrelay.web.access import desk_view

DEFAULT_WEEKS, MAX_WEEKS = 4, 12
MY_SHIFTS_AHEAD = timedelta(days=28)


def _weeks(request: HttpRequest) -> int:
    try:
        return min(max(int(request.GET.get("weeks", DEFAULT_WEEKS)), 1), MAX_WEEKS)
    except ValueError:
        return DEFAULT_WEEKS


@desk_view
@require_GET
def rotation_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    mine = oncall.shifts_of_person(request.user.pk, now, now + MY_SHIFTS_AHEAD)
    context = {
        "now": now,
        "summaries": pages.summaries(now),
        "my_shifts": mine,
        "my_feeds": CalendarFeed.objects.filter(person=request.user, revoked_at__isnull=True),
        "can_manage": overrides.can_manage(request.user),
    }
    return render(request, "schedule/rotations/list.html", context)


def _initial(request: HttpRequest, zone: str, now: datetime) -> dict:
    """Prefilled from a conflict's "cover it" link (?start=&end= in UTC ISO), else the next hour.
    A time the zone's clocks show twice gets its offset, so the form names the same instant."""
    tz = ZoneInfo(zone)
    try:
        start = bounds.check_moment(datetime.fromisoformat(request.GET["start"]))
        end = bounds.check_moment(datetime.fromisoformat(request.GET["end"]))
    except (KeyError, ValueError):
        start = now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
        end = start + timedelta(hours=8)
    if start.tzinfo is None or end.tzinfo is None:
        start, end = start.replace(tzinfo=UTC), end.replace(tzinfo=UTC)
    initial = {"reason": request.GET.get("reason", "")[:200]}
    for name, instant in (("starts_at", start), ("ends_at", end)):
        local = instant.astimezone(tz)
        initial[name] = local.strftime(LOCAL_INPUT)
        if local_to_utc(local.replace(tzinfo=None), tz) != instant.astimezone(UTC):
            initial[f"{name}_offset"] = format_offset(local.utcoffset())  # the second time
    return initial


def _detail(request: HttpRequest, rotation: Rotation, form=None, status=200) -> HttpResponse:
    now = timezone.now()
    weeks = _weeks(request)
    start, end = pages.window(rotation.time_zone, now, weeks)
    loaded = oncall.load(rotation, start)
    rows = pages.rows_of(loaded, oncall.timeline(loaded, start, end))
    found = oncall.on_call(loaded, now)
    current = pages.rows_of(loaded, [found.current] + ([found.next] if found.next else []))
    upcoming = [o for o in loaded.overrides if o.ends_at > now]
    context = {
        "rotation": rotation,
        "now": now,
        "weeks": weeks,
        "week_choices": (1, 2, 4, 8, 12),
        "rows": rows,
        "days": pages.days_of(rows, rotation.time_zone, start, end),
        "on_call": current[0],
        "next": current[1] if len(current) > 1 else None,
        "gaps": sum(1 for r in rows if r.is_gap),
        "conflicts": sum(1 for r in rows if r.shift.conflict),
        "layers": loaded.layers,
        "overrides": [(o, overrides.can_delete(request.user, o)) for o in upcoming],
        "can_manage": overrides.can_manage(request.user),
        "form": form
        or OverrideForm(
            initial=_initial(request, rotation.time_zone, now), time_zone=rotation.time_zone
        ),
        "feeds": rotation.feeds.filter(revoked_at__isnull=True),
    }
    return render(request, "schedule/rotations/detail.html", context, status=status)


@desk_view
@require_GET
def rotation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, get_object_or_404(Rotation, pk=pk))


@desk_view
@require_POST
def add_override(request: HttpRequest, pk: int) -> HttpResponse:
    rotation = get_object_or_404(Rotation, pk=pk)
    overrides.check_can_manage(request.user)
    # The times typed are the rotation's local wall-clock times.
    form = OverrideForm(request.POST, time_zone=rotation.time_zone)
    if form.is_valid():
        try:
            overrides.create_override(rotation, request.user, **form.override())
        except ValidationError as exc:
            apply_service_errors(form, exc)
    if form.errors:
        return _detail(request, rotation, form, status=422)
    messages.success(request, "Override added.")
    return redirect("rotations:detail", pk=rotation.pk)


@desk_view
@require_POST
def delete_override(request: HttpRequest, pk: int, override_pk: int) -> HttpResponse:
    override = get_object_or_404(Override, pk=override_pk, rotation_id=pk)
    overrides.delete_override(override, request.user)
    messages.success(request, "Override removed.")
    return redirect("rotations:detail", pk=pk)


@desk_view
@require_POST
def create_feed(request: HttpRequest) -> HttpResponse:
    rotation_id = request.POST.get("rotation")
    if rotation_id:
        rotation = get_object_or_404(Rotation, pk=rotation_id if rotation_id.isdigit() else 0)
        feed, raw = feeds.create_feed(request.user, rotation=rotation)
    else:
        rotation = None
        feed, raw = feeds.create_feed(request.user, person=request.user)
    context = {"feed": feed, "url": feeds.url(raw), "rotation": rotation}
    response = render(request, "schedule/rotations/feed_created.html", context, status=201)
    response["Cache-Control"] = "no-store"
    return response


@desk_view
@require_POST
def revoke_feed(request: HttpRequest, feed_pk: int) -> HttpResponse:
    feed = get_object_or_404(CalendarFeed, pk=feed_pk)
    try:
        feeds.revoke(feed, request.user)
    except PermissionDenied:
        raise Http404 from None  # other people's feeds are not confirmed to exist
    messages.success(request, "Calendar feed revoked: its URL no longer works.")
    if feed.rotation_id:
        return redirect("rotations:detail", pk=feed.rotation_id)
    return redirect("rotations:list")


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The .ics of a feed, for calendar apps: the token is the credential, no log-in."""
    feed = feeds.find(token)
    if feed is None:
        raise Http404("No such calendar.")
    response = HttpResponse(feeds.render(feed), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    response["Content-Disposition"] = 'inline; filename="on-call.ics"'
    return response
