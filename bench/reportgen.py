"""Generated history for the weekly report benchmark, written straight into the database.

Run in a child process whose DATABASE_URL points at a migrated, empty database:

    python -m bench.reportgen generate --tickets 1000000 --weeks 104
    python -m bench.reportgen time --runs 3

Tickets arrive over `weeks` weeks before ANCHOR (weekdays and working hours busier), each
with an event log shaped like desk.services writes it: created, assigned and opened, first
reply, sometimes a wait on the customer and another round, solved with a cause (bug link for
product bugs), sometimes reopened and solved again, closed a few days later; a few are
flagged interesting or handed off between regions. The team, calendars and SLA policies
are the demo's. Messages are not generated here, the reports never read them; the scale
benchmark adds them with `python -m bench.bulkload --desk` (bench/deskrows.py).

The report clocks are computed by the worker's own pure function (reports.facts), fed with
the same steps as the events, so they agree with the log; rows go in with executemany or COPY
(lib.fastinsert). Nothing here is timed except `time`.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta

from bench.reportstory import (
    TAGS,
    arrival,
    pick_channel,
    pick_level,
    pick_priority,
    pick_skill,
    pick_tier,
    tell,
)

ANCHOR = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)  # a Wednesday: the last full week is W47


class Team:
    """The demo's staff, created once; who works tickets and their regions."""

    def __init__(self):
        from django.contrib.auth.models import User

        from sunrelay.demo.people import STAFF
        from sunrelay.team.models import StaffProfile, StaffRole, WorkingInterval

        self.ids: dict[str, int] = {}
        self.zone: dict[int, str] = {}
        self.first_names: dict[int, str] = {}
        for member in STAFF:
            user = User.objects.create(
                username=member.username,
                first_name=member.first_name,
                last_name=member.last_name,
                email=member.email,
            )
            profile = StaffProfile.objects.create(
                user=user, location=member.city, time_zone=member.time_zone
            )
            for role in member.roles:
                StaffRole.objects.create(user=user, role=role)
            WorkingInterval.objects.bulk_create(
                WorkingInterval(profile=profile, weekday=d, start=s, end=e)
                for d, s, e in member.hours
            )
            self.ids[member.username] = user.pk
            self.zone[user.pk] = member.time_zone
            self.first_names[user.pk] = member.first_name
        working = {"support", "lead", "solutions"}
        self.agents = [self.ids[m.username] for m in STAFF if working & set(m.roles)]
        self.lead = self.ids[next(m.username for m in STAFF if "lead" in m.roles)]


def sla_setup() -> None:
    from sunrelay.demo.time_model import CALENDARS, POLICIES
    from sunrelay.sla import config as sla_config
    from sunrelay.sla.models import Calendar, CalendarInterval, Policy, Target

    calendars = {}
    for name, (zone, (start, end), _country, _subdivision) in CALENDARS.items():
        calendars[name] = Calendar.objects.create(name=name, time_zone=zone)
        CalendarInterval.objects.bulk_create(
            CalendarInterval(calendar=calendars[name], weekday=d, start=start, end=end)
            for d in range(5)
        )
    for position, name, tiers, priorities, calendar, warn, targets in POLICIES:
        policy = Policy.objects.create(
            position=position,
            name=name,
            tiers=tiers,
            priorities=priorities,
            calendar=calendars[calendar],
            warn_share=warn,
        )
        Target.objects.bulk_create(
            Target(policy=policy, metric=m, minutes=minutes, business=b)
            for m, minutes, b in targets
        )
    sla_config.changed()  # intervals and targets went in with bulk_create


def customers(rng: random.Random, accounts: int, contacts: int):
    """Accounts (named and with an e-mail domain, as the demo names them) and their contacts;
    returns [(contact_id, account_id, tier, strategic, skill)]."""
    from sunrelay.accounts.models import Account, AccountDomain, Contact
    from sunrelay.demo import names
    from sunrelay.demo.companies import slug

    tiers = [pick_tier(rng) for _ in range(accounts)]
    first, second = names.COMPANY_FIRST, names.COMPANY_SECOND
    pairs = len(first) * len(second)
    companies = [
        f"{first[i % len(first)]} {second[i // len(first) % len(second)]}"
        + (f" {i // pairs + 1}" if i >= pairs else "")
        for i in rng.sample(range(accounts), accounts)
    ]
    Account.objects.bulk_create(
        Account(
            name=name,
            tier=tier,
            mrr=rng.randrange(0, 20_000),
            strategic=tier in ("enterprise", "partner") and rng.random() < 0.2,
        )
        for name, tier in zip(companies, tiers, strict=True)
    )
    account_rows = list(
        Account.objects.order_by("pk").values_list("pk", "tier", "strategic", "name")
    )
    AccountDomain.objects.bulk_create(
        AccountDomain(account_id=pk, domain=f"{slug(name)}.test") for pk, _, _, name in account_rows
    )
    domain = {pk: f"{slug(name)}.test" for pk, _, _, name in account_rows}
    chosen = [(*rng.choice(account_rows)[:3], pick_skill(rng)) for _ in range(contacts)]
    people = [(rng.choice(names.FIRST_NAMES), rng.choice(names.LAST_NAMES)) for _ in chosen]
    Contact.objects.bulk_create(
        Contact(
            name=f"{first} {last}",
            email=f"{slug(first)}.{slug(last)}.{i}@{domain[a]}",
            account_id=a,
            skill=k,
        )
        for i, ((a, _, _, k), (first, last)) in enumerate(zip(chosen, people, strict=True))
    )
    ids = list(Contact.objects.order_by("pk").values_list("pk", flat=True))
    return [(cid, *rest) for cid, rest in zip(ids, chosen, strict=True)]


# Set in the parent (bench.bulkload) before the worker processes fork; workers never touch
# the database.
_WORLD: dict = {}


TICKET_COLUMNS = (
    "id", "subject", "account_id", "requester_id", "channel", "status", "priority", "level",
    "assignee_id", "cause", "bug_url", "interesting", "external_ref", "created_at",
    "updated_at", "solved_at",
)  # fmt: skip
EVENT_COLUMNS = ("ticket_id", "kind", "at", "actor_user_id", "actor_contact_id", "old", "new")
FACT_COLUMNS = (
    "ticket_id", "created_at", "account_id", "tier", "strategic", "channel", "level", "skill",
    "assignee_id", "cause", "bug_linked", "first_reply_at", "computed_at",
)  # fmt: skip


def _batch(job: tuple[int, int]) -> tuple:
    """Tickets first+1 .. first+count with their events, tags and clocks, as database rows,
    and their desk rows (bench.deskrows) when the world has persons (else None). Event rows
    then end with their message id."""
    first, count = job
    world = _WORLD
    team, people, tag_ids, config = (
        world["team"],
        world["people"],
        world["tag_ids"],
        world["config"],
    )
    rng = random.Random(world["seed"] * 1_000_003 + first)
    sqlite = world["vendor"] == "sqlite"

    def at(t: int):
        if sqlite and isinstance(t, int):  # as Django writes it, without a datetime object
            return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(t))
        moment = datetime.fromtimestamp(t, UTC)
        return str(moment.replace(tzinfo=None)) if sqlite else moment

    def db(value):
        return at_value(value) if isinstance(value, datetime) else value

    def at_value(moment: datetime | None):
        if moment is None:
            return None
        return str(moment.replace(tzinfo=None)) if sqlite else moment

    from bench import deskrows

    persons = world.get("persons")  # set when the desk's side is generated too
    desk = deskrows.DeskRows() if persons else None
    ticket_rows, event_rows, tag_rows, fact_rows, clock_rows = [], [], [], [], []
    created_times = sorted(
        arrival(rng, world["start"], world["end"] - world["start"]) for _ in range(count)
    )
    for i in range(count):
        tid = first + i + 1
        contact, account, tier, strategic, skill = rng.choice(people)
        tags = sorted(rng.sample(TAGS, rng.choice((1, 1, 2)))) if rng.random() < 0.3 else []
        ticket = {
            "subject": f"Generated ticket {tid}",
            "channel": pick_channel(rng),
            "priority": pick_priority(rng),
            "level": pick_level(rng),
            "assignee": rng.choice(team.agents),
            "tags": tags,
            "cause": "",
            "bug_url": "",
            "interesting": False,
        }
        if desk is not None:
            about = deskrows.brief(rng, tid, ticket["channel"])
            ticket["subject"] = about.subject
        story = tell(rng, tid, created_times[i], world["end"], contact, team, ticket)
        policy = config.policy_for(
            tier=tier, priority=ticket["priority"], channel=ticket["channel"], tags=set(tags)
        )
        if desk is None:
            event_rows += [(*e[:2], at(e[2]), *e[3:]) for e in story.events]
        else:
            who = persons[contact]
            ids = deskrows.add_ticket(rng, desk, at, story, ticket, about, who, team)
            sla = deskrows.add_sla(desk, story, ticket, who, policy, config, ANCHOR, at_value)
            event_rows += [
                (*e[:2], at(e[2]), *e[3:], mid) for e, mid in zip(story.events, ids, strict=True)
            ]
            event_rows += [(*e[:2], at(e[2]), *e[3:], None) for e in sla]
        ticket_rows.append((
            tid, ticket["subject"], account, contact, ticket["channel"], story.status,
            ticket["priority"], ticket["level"],
            ticket["assignee"] if story.status != "new" else None, ticket["cause"],
            ticket["bug_url"], ticket["interesting"], "", at(created_times[i]),
            at(ticket["updated_at"]), at(ticket["solved_at"]) if ticket["solved_at"] else None,
        ))  # fmt: skip
        tag_rows += [(tid, tag_ids[t]) for t in tags]
        facts = _facts(story, policy, config)
        fact_rows.append((
            tid, at(created_times[i]), account, tier, strategic, ticket["channel"],
            ticket["level"], skill, ticket["assignee"] if story.status != "new" else None,
            ticket["cause"], bool(ticket["bug_url"]), db(facts.first_reply_at), at_value(ANCHOR),
        ))  # fmt: skip
        dimensions = fact_rows[-1][3:11]  # tier … bug_linked, in refresh.DIMENSIONS order
        clock_rows += [
            (tid, c.metric, c.seq, db(c.started_at), db(c.stopped_at), c.stopped_by, c.agent_id,
             c.business_minutes, c.calendar_minutes, c.policy_id, c.target_minutes,
             c.target_business, db(c.breach_at), *dimensions)
            for c in facts.clocks
        ]  # fmt: skip
    return ticket_rows, event_rows, tag_rows, fact_rows, clock_rows, desk


def _facts(story, policy, config):
    from sunrelay.reports.facts import Step, ticket_facts

    at = lambda t: datetime.fromtimestamp(t, UTC)  # noqa: E731
    steps = [Step(at(t), kind, status, actor) for t, kind, status, actor in story.steps]
    calendar_id = policy.calendar_id if policy else None
    return ticket_facts(
        steps,
        policy_id=policy.id if policy else None,
        targets={t.metric.value: t for t in policy.targets} if policy else {},
        business_calendar=config.calendars.get(calendar_id),
        calendar_for=lambda business: config.calendar(calendar_id, business),
    )


def time_report(runs: int) -> dict:
    """Median seconds of the weekly report for the last full week before ANCHOR."""
    from django.db import connection

    from sunrelay.desk.models import Ticket
    from sunrelay.reports import weekly
    from sunrelay.reports.periods import Week

    week = Week.last_complete(ANCHOR, "UTC")
    now = ANCHOR + timedelta(hours=1)
    seconds, report = [], None
    for _ in range(runs):
        began = time.perf_counter()
        report = weekly.compute(week, now=now)
        seconds.append(time.perf_counter() - began)
    return {
        "seconds": statistics.median(seconds),
        "runs": seconds,
        "tickets": Ticket.objects.count(),
        "week": week.label,
        "received": report.received.value,
        "vendor": connection.vendor,
        "summary": report.summary[:2],
    }


def main(argv: list[str] | None = None) -> None:
    import django

    django.setup()
    parser = argparse.ArgumentParser(prog="python -m bench.reportgen")
    sub = parser.add_subparsers(dest="command", required=True)
    gen = sub.add_parser("generate")
    gen.add_argument("--tickets", type=int, default=1_000_000)
    gen.add_argument("--weeks", type=int, default=104)
    gen.add_argument("--seed", type=int, default=7)
    timing = sub.add_parser("time")
    timing.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    if args.command == "generate":
        from bench.bulkload import generate

        generate(args.tickets, args.weeks, args.seed, lambda m: print(m, file=sys.stderr))
    else:
        print(json.dumps(time_report(args.runs)))


if __name__ == "__main__":
    main()
