"""SLA targets and urgency in words: the queue's SLA column, the ticket's SLA panel and
"why it sits here". Times are shown in the viewer's time zone (desk_view activates it)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from django.utils import timezone

from sunrelay.accounts.models import Tier
from sunrelay.desk.views.forms import HandoffNoteForm
from sunrelay.lib.formatting import duration_hm, humanize_duration
from sunrelay.schedule.notes import pending_note
from sunrelay.sla import config as sla_config
from sunrelay.sla.clock import State
from sunrelay.sla.live import METRIC_LABELS, is_running, state_at
from sunrelay.sla.models import TicketSla

TIER_LABELS = dict(Tier.choices)


def local_moment(value: datetime, now: datetime) -> str:
    """ "14:00" today, "Thu 26 Nov 14:00" another day, in the active time zone."""
    local, today = timezone.localtime(value), timezone.localtime(now).date()
    if local.date() == today:
        return f"{local:%H:%M}"
    if abs((local.date() - today).days) < 180:
        return f"{local:%a} {local.day} {local:%b %H:%M}"
    return f"{local.day} {local:%b %Y %H:%M}"


def exact(value: datetime) -> str:
    """For title attributes: the viewer's local time with its zone, then UTC."""
    local, utc = timezone.localtime(value), value.astimezone(UTC)
    return f"{local:%a} {local.day} {local:%b %Y %H:%M %Z} ({utc:%Y-%m-%d %H:%M} UTC)"


# -- the queue's column --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SlaCell:
    state: str  # ok | warning | breached | paused | met | none
    text: str
    title: str


def _cell_duration(seconds: float) -> str:
    """Minutes matter in the last hours before a deadline and the first hour after it;
    otherwise "41 h" and "3 d" say enough, and fit the column."""
    if 0 < seconds < 10 * 3600 or -3600 < seconds <= 0:
        return duration_hm(seconds)
    return humanize_duration(abs(seconds))


NO_SLA = SlaCell("none", "—", "No SLA policy applies to this ticket")


def sla_cell(rows: Iterable, now: datetime) -> SlaCell:
    """The next deadline of a ticket as time left. `rows` are its TicketSla rows (or tuples
    with their fields); the earliest running deadline is TicketUrgency's next deadline too,
    so the column agrees with "most urgent first"."""
    rows = list(rows)
    running = [r for r in rows if is_running(r.state, r.deadline, r.stopped_at)]
    if running:
        chosen = min(running, key=lambda r: r.deadline)
        state = state_at(chosen.state, chosen.deadline, chosen.warn_at, chosen.stopped_at, now)
        seconds = (chosen.deadline - now).total_seconds()
        span = _cell_duration(seconds)
        text = f"{span} left" if seconds > 0 else f"breached {span} ago"
        label = METRIC_LABELS.get(chosen.metric, chosen.metric)
        return SlaCell(state, text, f"{label} due {exact(chosen.deadline)}")
    if any(r.state == State.PAUSED for r in rows):
        return SlaCell("paused", "paused", "Waiting on the customer: the SLA clock is paused")
    if any(r.state == State.BREACHED for r in rows):
        return SlaCell("met", "met late", "Every running target is met; at least one was late")
    if rows:
        return SlaCell("met", "met", "Every target that applies now is met")
    return NO_SLA


# -- the ticket's SLA panel ----------------------------------------------------------------


@dataclass(frozen=True)
class TargetLine:
    metric: str
    label: str
    policy: str
    state: str
    business: bool
    target: str  # "4 h business time"
    deadline: datetime | None
    deadline_local: str
    deadline_title: str
    left: str  # time left on the target's own clock, or how late / when met
    used: str  # "1 h 10 min of 4 h"


def _used(elapsed: float, target: int, days: bool) -> str:
    used, of = duration_hm(max(elapsed, 0) * 60, days), duration_hm(target * 60, days)
    return f"{used} of {of}"


def target_lines(rows: Iterable, calendar_for, now: datetime) -> list[TargetLine]:
    """One line per TicketSla row (policy selected), in the order of METRIC_LABELS.

    `calendar_for(row)` gives the calendar the row's minutes count on (BusinessCalendar or
    AlwaysOpen), or None when unknown (an inactive policy): the stored figures are shown then.
    """
    order = list(METRIC_LABELS)
    lines = []
    for row in sorted(rows, key=lambda r: order.index(r.metric) if r.metric in order else 99):
        state = state_at(row.state, row.deadline, row.warn_at, row.stopped_at, now)
        kind = "business time" if row.business else "calendar time"
        calendar = calendar_for(row)
        elapsed = row.elapsed_minutes
        running = is_running(row.state, row.deadline, row.stopped_at)
        if running and calendar is not None and row.computed_at < now:
            elapsed += calendar.minutes_between(row.computed_at, now)
        remaining = row.target_minutes - elapsed

        def span(minutes: float, business=row.business) -> str:
            return duration_hm(minutes * 60, days=not business)

        if state == State.PAUSED:
            left = f"paused · {span(remaining)} left when the clock resumes"
        elif state == State.MET:
            left = f"met after {span(elapsed)}"
        elif row.stopped_at is not None:
            left = f"met late, {span(-remaining)} over"
        elif remaining > 0:
            left = f"{span(remaining)} left"
        else:
            left = f"over by {span(-remaining)}"
        deadline = row.deadline if row.state != State.MET else row.stopped_at
        lines.append(
            TargetLine(
                metric=row.metric,
                label=METRIC_LABELS.get(row.metric, row.metric),
                policy=row.policy.name if row.policy_id else "",
                state=state,
                business=row.business,
                target=f"{duration_hm(row.target_minutes * 60, days=not row.business)} {kind}",
                deadline=deadline,
                deadline_local=local_moment(deadline, now) if deadline else "",
                deadline_title=exact(deadline) if deadline else "",
                left=left,
                used=_used(elapsed, row.target_minutes, days=not row.business),
            )
        )
    return lines


# -- why it sits where it sits -------------------------------------------------------------


def _reason_label(label: str) -> str:
    if label.endswith(" tier"):
        value = label[: -len(" tier")]
        return f"{TIER_LABELS.get(value, value)} tier"
    return label


def reason_phrases(reasons: Iterable[dict], now: datetime) -> list[str]:
    """TicketUrgency.reasons as short phrases: "first reply due 14:00", "priority high: 2 h
    earlier". Unknown shapes are shown by their label only, never dropped."""
    phrases = []
    for reason in reasons:
        label = _reason_label(str(reason.get("label", "")))
        if "at" in reason:
            try:
                at = datetime.fromisoformat(reason["at"])
            except (TypeError, ValueError):
                phrases.append(label)
                continue
            if label.endswith(" due"):
                phrases.append(f"{label} {local_moment(at, now)}")
            else:
                phrases.append(f"{label}, as if due {local_moment(at, now)}")
        elif isinstance(reason.get("minutes"), int | float) and reason["minutes"]:
            minutes = reason["minutes"]
            way = "earlier" if minutes > 0 else "later"
            phrases.append(f"{label}: {duration_hm(abs(minutes) * 60)} {way}")
        else:
            phrases.append(label)
    return phrases


# -- the ticket page's panel ---------------------------------------------------------------


def _calendar_lookup(ticket, rows: list, now: datetime):
    """calendar_for(row) for target_lines(). The SLA configuration (two small queries) is
    read only when a business-time clock runs: the other figures need no calendar."""
    if not any(r.business and is_running(r.state, r.deadline, r.stopped_at) for r in rows):
        return lambda row: None if row.business else sla_config.ALWAYS_OPEN
    config = sla_config.current()
    policies = {p.id: p for p in config.policies}
    own = ticket.account.business_calendar_id if ticket.account_id else None

    def calendar_for(row):
        policy = policies.get(row.policy_id)
        if policy is None:
            return None
        return config.calendar(policy.calendar_id_for(own), row.business)

    return calendar_for


def sla_context(ticket, *, can_work: bool, handoff_form=None, now: datetime | None = None):
    """What the ticket page shows of SLAs, urgency and hand-offs.

    `ticket` has account and urgency selected. Queries: the SLA rows, the pending hand-off
    note for people who work tickets, and the SLA configuration when a business clock runs.
    """
    now = now or timezone.now()
    rows = list(TicketSla.objects.filter(ticket=ticket).select_related("policy"))
    urgency = getattr(ticket, "urgency", None)
    context = {
        "sla_lines": target_lines(rows, _calendar_lookup(ticket, rows, now), now),
        "urgency": urgency,
        "urgency_reasons": reason_phrases(urgency.reasons, now) if urgency else [],
        "urgency_at": local_moment(urgency.urgency_at, now) if urgency else "",
        "urgency_title": exact(urgency.urgency_at) if urgency else "",
    }
    if can_work:
        context["pending_note"] = pending_note(ticket)
        context["handoff_form"] = handoff_form or HandoffNoteForm()
    return context
