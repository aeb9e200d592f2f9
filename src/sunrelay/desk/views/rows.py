"""Queue rows ready to print: every label, duration and title computed in Python, and the
row's HTML written here too.

A queue page shows 50 rows of ten columns. Resolving them through template filters cost
about half a millisecond a row; computing the values here, a tenth of that; the template
engine still spent most of the page's time looking up the row's forty-odd variables, which
one format string does in a few microseconds (row_html).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from html import escape

from django.urls import reverse
from django.utils import timezone

from sunrelay.accounts.models import SkillLevel, Tier
from sunrelay.desk.models import Level, Priority, Status
from sunrelay.desk.views.sla import SlaCell, sla_cell
from sunrelay.lib.formatting import (
    humanize_duration,
    money,
    person_name,
    short_money,
    short_subject,
)

LEVEL_SHORT = {Level.L1: "L1", Level.L2: "L2", Level.ENGINEERING: "Eng"}
STATUS_LABELS = dict(Status.choices)
PRIORITY_LABELS = dict(Priority.choices)
LEVEL_LABELS = dict(Level.choices)
SKILL_LABELS = dict(SkillLevel.choices)
TIER_LABELS = dict(Tier.choices)


@dataclass(frozen=True, slots=True)
class Moment:
    iso: str
    exact: str  # in the viewer's time zone, for the title attribute
    ago: str  # "3 h"


def moment(value: datetime, now: datetime, zone=None) -> Moment:
    """`zone`: the viewer's (timezone.get_current_timezone(), read once for a page of rows)."""
    local = value.astimezone(zone or timezone.get_current_timezone())
    return Moment(
        value.isoformat(),
        local.strftime("%Y-%m-%d %H:%M %Z"),
        humanize_duration((now - value).total_seconds()),
    )


@dataclass(frozen=True, slots=True)
class QueueRow:
    pk: int
    url: str
    subject: str
    status: str
    status_label: str
    priority: str
    priority_label: str
    level_short: str
    level_label: str
    requester_name: str
    requester_email: str
    skill: str
    skill_label: str
    account_name: str
    tier: str
    tier_label: str
    mrr_short: str
    mrr: str
    strategic: bool
    assignee_short: str
    assignee_name: str
    created: Moment
    updated: Moment
    sla: SlaCell


def queue_rows(
    tickets, sla_rows: Mapping[int, Sequence], now: datetime | None = None
) -> list[QueueRow]:
    """`tickets` as desk.queues.fetch_tickets() reads them (QueueTicket rows); `sla_rows`
    their SLA targets by ticket id, as sla.queues.sla_rows() reads them."""
    now = now or timezone.now()
    zone = timezone.get_current_timezone()
    base = reverse("desk:ticket", args=[0])[: -len("0/")]
    rows = []
    for t in tickets:
        has_account, assignee = t.account_name is not None, t.assignee_username
        rows.append(
            QueueRow(
                pk=t.pk,
                url=f"{base}{t.pk}/",
                subject=t.subject,
                status=t.status,
                status_label=STATUS_LABELS.get(t.status, t.status),
                priority=t.priority,
                priority_label=PRIORITY_LABELS.get(t.priority, t.priority),
                level_short=LEVEL_SHORT.get(t.level, t.level),
                level_label=LEVEL_LABELS.get(t.level, t.level),
                requester_name=t.requester_name or t.requester_email,
                requester_email=t.requester_email,
                skill=t.requester_skill,
                skill_label=SKILL_LABELS.get(t.requester_skill, t.requester_skill),
                account_name=t.account_name or "",
                tier=t.account_tier if has_account else "",
                tier_label=TIER_LABELS.get(t.account_tier, t.account_tier) if has_account else "",
                mrr_short=short_money(t.account_mrr) if has_account else "",
                mrr=money(t.account_mrr) if has_account else "",
                strategic=bool(t.account_strategic),
                assignee_short=(t.assignee_first_name or assignee) if assignee else "",
                assignee_name=person_name(t.assignee_first_name, t.assignee_last_name, assignee)
                if assignee
                else "",
                created=moment(t.created_at, now, zone),
                updated=moment(t.updated_at, now, zone),
                sla=sla_cell(sla_rows.get(t.pk, ()), now),
            )
        )
    return rows


def _time(moment: Moment, column: str) -> str:
    return (
        f'<td class="col-{column}"><time datetime="{moment.iso}" title="{escape(moment.exact)}">'
        f"{moment.ago}</time></td>"
    )


def row_html(t: QueueRow, *, selectable: bool, checked: bool) -> str:
    """One `<tr>` of the queue table (desk/_queue_results.html has its header); every text
    from a ticket or a person is escaped."""
    e = escape
    select = ""
    if selectable:
        select = (
            f'<td class="col-select"><input type="checkbox" name="tickets" value="{t.pk}" '
            f'form="bulk-form" aria-label="Select #{t.pk}"{" checked" if checked else ""}></td>'
        )
    if t.account_name:
        star = '<span class="strategic" title="Strategic account">★</span>' if t.strategic else ""
        account = (
            f'<div class="cell">{star}<span class="grow queue-account" '
            f'title="{e(t.account_name)}: {e(t.tier_label)}, MRR {e(t.mrr)} a month">'
            f'{e(t.account_name)}</span><span class="tier tier-{e(t.tier)}">{e(t.tier_label)}</span>'
            f'<span class="mrr" title="MRR {e(t.mrr)} a month">{e(t.mrr_short)}</span></div>'
        )
    else:
        account = '<span class="muted">—</span>'
    if t.assignee_short:
        assignee = f'<span title="{e(t.assignee_name)}">{e(t.assignee_short)}</span>'
    else:
        assignee = '<span class="muted">—</span>'
    return (
        f'<tr data-href="{t.url}" data-updated="{t.updated.iso}" class="prio-{e(t.priority)}">'
        f'{select}<td class="col-id">{t.pk}</td>'
        f'<td class="col-subject" title="{e(t.subject)}"><a href="{t.url}" hx-boost="false">'
        f"{e(short_subject(t.subject))}</a></td>"
        f'<td class="col-requester"><div class="cell"><abbr class="skill skill-{e(t.skill)}" '
        f'title="Skill: {e(t.skill_label)}">{e(t.skill_label[:1])}</abbr>'
        f'<span class="grow" title="{e(t.requester_email)}">{e(t.requester_name)}</span></div></td>'
        f'<td class="col-account">{account}</td>'
        f'<td class="col-status"><span class="status status-{e(t.status)}">{e(t.status_label)}</span></td>'
        f'<td class="col-priority"><span class="priority priority-{e(t.priority)}">'
        f"{e(t.priority_label)}</span></td>"
        f'<td class="col-urgency"><span class="sla sla-{t.sla.state}" title="{e(t.sla.title)}">'
        f"{e(t.sla.text)}</span></td>"
        f'<td class="col-level" title="{e(t.level_label)}">{e(t.level_short)}</td>'
        f'<td class="col-assignee">{assignee}</td>'
        f"{_time(t.created, 'age')}{_time(t.updated, 'updated')}</tr>"
    )
