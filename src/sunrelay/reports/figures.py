"""The weekly report as plain data: every renderer (page, e-mail, CLI, API, CSV) reads
these and computes nothing. Durations are minutes; shares are 0-1; times are UTC.

A figure always carries its reference: the previous period's value and the change, the
population it was computed on, and the SLA target where one applies.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from sunrelay.reports.contributed import ContributedSection


@dataclass
class Count:
    value: int
    previous: int
    change: int
    # The population `value` is part of (answered: of the tickets received), and its share.
    total: int | None = None
    previous_total: int | None = None
    share: float | None = None
    previous_share: float | None = None


@dataclass
class Stats:
    """A distribution of durations in minutes; None where there is nothing to measure."""

    n: int
    mean: float | None
    median: float | None
    p90: float | None


@dataclass
class Timing:
    """One duration metric on one population, this period and the previous one."""

    n: int  # clocks measured (calendar time); business time may have fewer
    business: Stats
    calendar: Stats
    previous_business: Stats
    previous_calendar: Stats
    change: float | None  # business-time mean minus the previous one
    with_target: int  # of n, clocks that had an SLA target
    met: int  # of with_target, within it
    previous_with_target: int
    previous_met: int
    targets: list[int] = field(default_factory=list)  # the distinct targets, minutes


@dataclass
class TimingRow:
    key: str
    label: str
    timing: Timing


@dataclass
class Breakdown:
    metric: str  # first_reply | next_reply | resolution
    dimension: str  # tier | strategic | channel | level | region | agent | skill
    rows: list[TimingRow]


@dataclass
class TargetRow:
    """SLA attainment of one target of one policy: clocks stopped in the period."""

    policy: str
    metric: str
    target_minutes: int
    business: bool
    met: int
    total: int
    previous_met: int
    previous_total: int
    share: float | None
    previous_share: float | None


@dataclass
class TicketBrief:
    id: int
    subject: str
    account: str
    tier: str
    assignee: str


@dataclass
class Breach:
    ticket: TicketBrief
    metric: str
    policy: str
    target_minutes: int
    business: bool
    breached_at: datetime
    stopped_at: datetime | None  # None: still running at the end of the period
    late_minutes: float | None  # on the target's clock, when it stopped


@dataclass
class Route:
    from_region: str
    to_region: str
    value: int
    previous: int


@dataclass
class Handoff:
    ticket: TicketBrief
    at: datetime
    from_agent: str
    from_region: str
    to_agent: str
    to_region: str


@dataclass
class Handoffs:
    count: Count
    routes: list[Route]
    items: list[Handoff]


@dataclass
class AgeBucket:
    key: str
    label: str
    value: int
    previous: int


@dataclass
class Backlog:
    count: Count
    at: datetime  # the instant measured: the end of the period (or now, if earlier)
    previous_at: datetime
    ages: list[AgeBucket]


@dataclass
class Share:
    key: str
    label: str
    value: int
    previous: int


@dataclass
class Interesting:
    ticket: TicketBrief
    flagged_at: datetime
    flagged_by: str
    status: str
    cause: str


@dataclass
class Growth:
    key: str
    label: str
    value: int
    previous: int
    change: int


@dataclass
class FeedbackThemeRow:
    """A product feedback theme with more new items in the week than the week before, and
    its population over all its items: "14 accounts, $48,200 MRR, 9 of them Enterprise"."""

    theme_id: int
    name: str
    status: str
    value: int  # new items in the week
    previous: int  # new items the week before
    change: int
    items: int
    accounts: int
    contacts: int
    mrr: Decimal
    enterprise: int
    population: str


@dataclass
class AgentRow:
    id: int | None
    name: str
    region: str
    replies: int
    previous_replies: int
    tickets_replied: int
    solved: int
    previous_solved: int


@dataclass
class TrendPoint:
    week: str
    start: datetime
    received: int
    answered: int
    solved: int
    backlog: int
    first_reply_n: int
    first_reply_mean: float | None  # business minutes
    first_reply_median: float | None
    by_tier: dict[str, int]


@dataclass
class RegionLine:
    zone: str
    label: str
    staff: list[int]  # people on shift in each hour of the week (168)


@dataclass
class Coverage:
    zone: str  # the report's zone; hour 0 is Monday 00:00-01:00 there
    arrivals: list[int]  # tickets received in each hour of the week (168)
    regions: list[RegionLine]


@dataclass
class Filters:
    tier: str = ""
    region: str = ""
    agent: int | None = None
    description: str = ""  # "Enterprise tier, agent Javier Ortega"; empty: everything


@dataclass
class WeeklyReport:
    week: str
    previous_week: str
    title: str
    zone: str
    start: datetime
    end: datetime
    previous_start: datetime
    as_of: datetime  # the end of the week, or the moment computed for a week still running
    filters: Filters
    summary: list[str]
    received: Count
    answered: Count
    replied_to: Count
    replies: Count
    solved: Count
    reopened: Count
    reopen_rate: Count
    backlog: Backlog
    first_reply: Timing
    next_reply: Timing
    resolution: Timing
    key_tiers: list[str]
    key_first_reply: Timing
    breakdowns: list[Breakdown]
    sla_met: Count
    sla: list[TargetRow]
    breaches: Count
    breaches_by_metric: dict[str, int]
    breach_list: list[Breach]
    handoffs: Handoffs
    causes: list[Share]
    bug_linked: Count
    bug_links_added: Count
    interesting: list[Interesting]
    interesting_count: Count
    growth_tags: list[Growth]
    growth_accounts: list[Growth]
    team: list[AgentRow]
    trend: list[TrendPoint]
    coverage: Coverage
    csat: Csat
    feedback_themes: list[FeedbackThemeRow] = field(default_factory=list)
    # Sections of apps above reports (reports.contributed), e.g. Slack team channel questions.
    contributed: list[ContributedSection] = field(default_factory=list)


@dataclass
class CsatRow:
    """Ratings of one group: `good` of `rated` (the share good), `rated` of `asked` (the
    response rate), and the rated tickets behind them."""

    key: str
    label: str
    good: int
    rated: int
    asked: int
    share_good: float | None
    response_rate: float | None
    tickets: list[int] = field(default_factory=list)


@dataclass
class CsatGroup:
    dimension: str  # tier, agent, level, skill
    label: str
    rows: list[CsatRow]


@dataclass
class CsatRating:
    ticket: TicketBrief
    rating: str
    comment: str
    agent: str
    rated_at: datetime


@dataclass
class Csat:
    """Customer satisfaction of the surveys of the week's solves (csat.models.Survey)."""

    good: Count  # of rated
    rated: Count  # of asked
    groups: list[CsatGroup]  # by tier, agent, level and skill level
    weeks: list[CsatRow]  # the last CSAT_WEEKS weeks, oldest first
    ratings: list[CsatRating]
