"""The demo's projects quarter: a dozen cross-account projects on the team's template, their
sprints, the lead's (Marta's) weekly order for the last four weeks, monthly budgets of the
strategic accounts, and 13 weeks of time entries on projects, tickets and accounts, written
through projects.services as the people would have.

Deterministic (seeded) and created once, like the rest of the demo.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from sunrelay.accounts.models import Account
from sunrelay.demo.plan import DemoPlan
from sunrelay.desk.models import Ticket
from sunrelay.projects import services
from sunrelay.projects.models import Project, ProjectStatus

WEEKS = 13
# name, impact, effort, status, budget hours (None: no budget)
PROJECTS = [
    ("Tile cache warm-up after deploys", 1, "medium", "active", 60),
    ("Routing SDK samples", 2, "small", "active", 24),
    ("Geocoding bulk import guide", 3, "small", "done", 16),
    ("Usage dashboards for strategic accounts", 2, "large", "active", 80),
    ("Style JSON validator", 3, "medium", "active", 30),
    ("Imagery pipeline health checks", 1, "large", "active", None),
    ("Support macros clean-up", 4, "small", "done", 8),
    ("Onboarding checklist for Enterprise", 3, "medium", "proposed", 20),
    ("Offline maps proof of concept", 2, "large", "on_hold", 40),
    ("Rate-limit alerts for partners", 3, "small", "active", 12),
    ("Knowledge base skill-level variants", 4, "medium", "active", None),
    ("Migration tool from the old desk", 2, "medium", "dropped", 16),
]
WORKERS = ["ines", "priya", "andres", "tomas", "marta", "pablo"]
NOTES = ["Pairing with the customer", "Reviewing the draft", "Writing it up", "Testing", ""]


def load_projects(plan: DemoPlan, created: Counter) -> None:
    if Project.objects.exists():
        return
    rng = random.Random(f"{plan.seed}-projects")  # noqa: S311 - demo data
    users = {u.username: u for u in get_user_model().objects.filter(username__in=WORKERS)}
    lead, people = users["marta"], [users[name] for name in WORKERS]
    accounts = list(
        Account.objects.filter(tier__in=["enterprise", "partner", "pro"]).order_by("-mrr", "name")
    )
    start = plan.anchor.date() - timedelta(weeks=WEEKS)
    start -= timedelta(days=start.weekday())
    with transaction.atomic():
        projects = _projects(plan, rng, lead, people, accounts, created)
        for account in [a for a in accounts if a.strategic][:4]:
            services.set_account_budget(lead, account, 8 * 60, at=plan.anchor)
            created["account budgets"] += 1
        _entries(plan, rng, start, people, projects, accounts, created)
        this_week = services.monday(plan.anchor.date())
        open_ones = [p for p in projects if p.is_open]
        for back in range(3, -1, -1):
            rng.shuffle(open_ones)
            services.set_week_order(lead, this_week - timedelta(weeks=back), open_ones[:6])


def _projects(plan, rng, lead, people, accounts, created) -> list[Project]:
    made = []
    tickets = list(Ticket.objects.filter(account__in=accounts[:8]).order_by("id")[:24])
    for n, (name, impact, effort, status, budget) in enumerate(PROJECTS):
        owner = people[n % len(people)]
        linked = rng.sample(accounts[:10], k=min(len(accounts[:10]), rng.randint(1, 3)))
        project = services.create_project(
            lead, owner=owner, leads=[people[(n + 1) % len(people)]], accounts=linked,
            tickets=tickets[2 * n : 2 * n + 2], name=name, impact=impact, effort=effort,
            objectives=f"{name}: fewer tickets on it, and a faster answer when there is one.",
            scope_will="Ship it to the accounts linked here first.",
            scope_will_not="Change the product itself; that is engineering's call.",
            stakeholders="Support, customer engineering, the product team",
            requester=people[(n + 2) % len(people)],
            rollout_plan="Two accounts for a week, then everyone.",
            support_plan="The owner maintains the code for a quarter, then the support team.",
            maintainer=owner, status=status,
            at=plan.anchor - timedelta(weeks=WEEKS),
        )  # fmt: skip
        if budget is not None:
            services.set_project_budget(lead, project, budget * 60)
        if n % 3 == 0:
            services.sign_off_support(lead, project, at=plan.anchor - timedelta(weeks=WEEKS - 1))
        first = plan.anchor.date() - timedelta(weeks=WEEKS - n % 4)
        first -= timedelta(days=first.weekday())
        for s in range(3):
            weeks = 1 + (n + s) % 2
            services.add_sprint(
                lead,
                project,
                starts_on=first,
                weeks=weeks,
                goal=f"Sprint {s + 1} of {name.lower()}",
            )
            first += timedelta(weeks=weeks)
            created["sprints"] += 1
        made.append(project)
        created["projects"] += 1
    return made


def _entries(plan, rng, start, people, projects, accounts, created) -> None:
    """Each weekday of the quarter, each person logs one or two entries."""
    working = [p for p in projects if p.status != ProjectStatus.PROPOSED]
    tickets = list(Ticket.objects.filter(account__isnull=False).order_by("id")[:60])
    for offset in range(WEEKS * 7):
        day = start + timedelta(days=offset)
        if day.weekday() >= 5 or day >= plan.anchor.date():
            continue
        for person in people:
            for _ in range(rng.choice((1, 1, 2))):
                target = rng.choice(("project", "project", "ticket", "account"))
                on = {
                    "project": {"project": rng.choice(working)},
                    "ticket": {"ticket": rng.choice(tickets)}
                    if tickets
                    else {"project": working[0]},
                    "account": {"account": rng.choice(accounts[:10])},
                }[target]
                at = timezone.make_aware(datetime.combine(day, time(17)))
                services.log_time(
                    person, day=day, minutes=rng.choice((15, 30, 45, 60, 90, 120, 25, 50)),
                    billable=target == "account", note=rng.choice(NOTES), at=at, **on,
                )  # fmt: skip
                created["time entries"] += 1
