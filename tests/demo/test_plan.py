"""The demo plan, before it touches the database: deterministic and believable."""

from __future__ import annotations

import re
from collections import Counter
from datetime import timedelta

from sunrelay.accounts.models import SkillLevel, Tier
from sunrelay.demo.companies import tier_quotas
from sunrelay.demo.people import STAFF
from sunrelay.demo.plan import Scale, build_plan, default_anchor
from sunrelay.desk.models import Cause, EventKind, Priority, Status
from sunrelay.lib.timezones import validate_time_zone
from sunrelay.team.models import Role
from tests.demo.conftest import ANCHOR, SEED, SMALL, WRITTEN_KINDS


def _fingerprint(tickets):
    return [
        (
            t.ref,
            t.subject,
            t.status,
            t.created_at,
            t.updated_at,
            t.assignee,
            [(e.kind, e.at, e.actor, e.contact, e.old, e.new) for e in t.events],
            [m.body for m in t.messages],
        )
        for t in tickets
    ]


def test_it_plans_the_same_demo_for_the_same_seed_and_anchor(small_tickets):
    again = list(build_plan(SEED, ANCHOR, SMALL).tickets())
    assert _fingerprint(again) == _fingerprint(small_tickets)


def test_another_seed_plans_other_tickets(small_tickets):
    other = list(build_plan("another-seed", ANCHOR, SMALL).tickets())
    assert [t.subject for t in other] != [t.subject for t in small_tickets]


def test_the_default_anchor_is_now_truncated_to_the_hour():
    from datetime import UTC, datetime

    now = datetime(2025, 6, 1, 14, 37, 12, 5, tzinfo=UTC)
    assert default_anchor(now) == datetime(2025, 6, 1, 14, tzinfo=UTC)


def test_it_has_every_tier_even_at_small_scales():
    assert set(tier_quotas(5)) == set(Tier.values)
    assert Counter(tier_quotas(300)) == {
        Tier.FREE: 132, Tier.BASIC: 81, Tier.PRO: 51, Tier.ENTERPRISE: 24, Tier.PARTNER: 12,
    }  # fmt: skip


def test_revenue_is_long_tailed_and_follows_the_tier():
    accounts = build_plan(SEED, ANCHOR, Scale(tickets=0)).accounts
    assert len({a.name for a in accounts}) == 300
    by_tier = {tier: [a.mrr for a in accounts if a.tier == tier] for tier in Tier.values}
    assert set(by_tier[Tier.FREE]) == {0}
    assert all(m > 0 for tier in (Tier.BASIC, Tier.PRO, Tier.ENTERPRISE) for m in by_tier[tier])
    assert max(by_tier[Tier.BASIC]) < min(by_tier[Tier.PRO])
    assert max(by_tier[Tier.PRO]) < min(by_tier[Tier.ENTERPRISE])
    total = sum(a.mrr for a in accounts)
    top = sorted((a.mrr for a in accounts), reverse=True)[:30]
    assert sum(top) > total / 2  # a tenth of the accounts carry most of the revenue
    strategic = [a for a in accounts if a.strategic]
    assert len(strategic) == 10
    assert min(a.mrr for a in strategic) >= max(a.mrr for a in accounts if not a.strategic)


def test_each_customer_engineer_looks_after_20_to_30_accounts_paired_with_one_ae():
    accounts = build_plan(SEED, ANCHOR, Scale(tickets=0)).accounts
    books = Counter(a.ce for a in accounts if a.ce)
    assert set(books) == {m.username for m in STAFF if Role.CUSTOMER in m.roles}
    assert all(20 <= n <= 30 for n in books.values()), books
    pairs = {(a.ce, a.ae) for a in accounts if a.ce}
    assert len(pairs) == len(books)  # one AE per CE, always the same
    paying = [a for a in accounts if a.tier != Tier.FREE]
    assert all(a.ae for a in paying)
    assert not any(a.ae or a.ce for a in accounts if a.tier == Tier.FREE)


def test_domains_are_invented_lowercase_and_unique():
    accounts = build_plan(SEED, ANCHOR, Scale(tickets=0)).accounts
    domains = [d for a in accounts for d in a.domains]
    assert len(domains) == len(set(domains))
    assert all(re.fullmatch(r"[a-z0-9-]+\.(test|example)", d) for d in domains)


def test_contacts_write_from_their_accounts_domains_at_every_skill_level(small_plan):
    domains = {a.name: a.domains for a in small_plan.accounts}
    for contact in small_plan.contacts:
        assert contact.email.split("@")[1] in domains[contact.account]
    emails = [c.email for c in small_plan.contacts]
    assert len(emails) == len(set(emails)) == 100
    assert {c.skill for c in small_plan.contacts} == set(SkillLevel.values)


def test_every_time_zone_is_one_sunrelay_accepts():
    accounts = build_plan(SEED, ANCHOR, Scale(tickets=0)).accounts
    for zone in {m.time_zone for m in STAFF} | {a.time_zone for a in accounts}:
        validate_time_zone(zone)  # raises on names Sunrelay refuses


def test_staff_cover_the_cities_and_roles():
    assert {m.city for m in STAFF} == {"Madrid", "Valencia", "New York", "Denver", "San Francisco"}
    assert {r for m in STAFF for r in m.roles} == set(Role.values)
    assert [m.username for m in STAFF if m.superuser] == ["marta"]
    support_zones = {m.time_zone for m in STAFF if Role.SUPPORT in m.roles}
    assert len(support_zones) == 4  # the sun is followed


def test_history_lies_in_the_six_months_before_the_anchor(small_tickets):
    assert [t.ref for t in small_tickets] == [f"demo-{i:06d}" for i in range(1, 301)]
    created = [t.created_at for t in small_tickets]
    assert created == sorted(created)
    assert min(created) >= ANCHOR - timedelta(days=183)
    assert all(e.at <= ANCHOR for t in small_tickets for e in t.events)


def test_solved_tickets_have_a_cause_and_bugs_a_link(small_tickets):
    for ticket in small_tickets:
        if ticket.status in (Status.SOLVED, Status.CLOSED):
            assert ticket.cause, ticket.ref
        if ticket.cause == Cause.PRODUCT_BUG:
            assert re.fullmatch(
                r"https://github\.com/sunrelay-demo/maps/issues/\d+", ticket.bug_url
            )


def test_the_mix_looks_like_a_support_queue():
    tickets = list(build_plan(SEED, ANCHOR, Scale(tickets=2000)).tickets())
    statuses = Counter(t.status for t in tickets)
    assert statuses[Status.CLOSED] > 0.8 * len(tickets)
    assert all(statuses[s] for s in (Status.NEW, Status.OPEN, Status.PENDING, Status.ON_HOLD))
    old = [t for t in tickets if t.created_at < ANCHOR - timedelta(days=60)]
    assert sum(t.status == Status.CLOSED for t in old) > 0.97 * len(old)
    priorities = Counter(t.priority for t in tickets)
    assert 0 < priorities[Priority.URGENT] < 0.05 * len(tickets)
    levels = Counter(t.level for t in tickets)
    assert levels["l1"] > levels["l2"] > levels["engineering"] > 0
    assert len({t.channel for t in tickets}) == 5
    assert Counter(t.cause for t in tickets).keys() >= set(Cause.values)
    assert any(t.ccs for t in tickets) and any(t.interesting for t in tickets)
    kinds = Counter(e.kind for t in tickets for e in t.events)
    assert kinds.keys() >= WRITTEN_KINDS
    reopened = [
        t for t in tickets
        if any(e.kind == EventKind.STATUS and e.old == Status.SOLVED and e.new == Status.OPEN for e in t.events)
    ]  # fmt: skip
    assert reopened


def test_first_replies_happen_in_the_repliers_working_hours(small_plan, small_tickets):
    calendars = small_plan.world.calendars
    replies = 0
    for ticket in small_tickets:
        for event in ticket.events:
            if event.kind == EventKind.REPLIED:
                t = event.at.timestamp()
                calendar = calendars[event.actor]
                assert calendar.is_working(t) or calendar.is_working(t - 1), (ticket.ref, event)
                replies += 1
                break
    assert replies > 250


def test_big_accounts_get_faster_first_replies():
    plan = build_plan(SEED, ANCHOR, Scale(tickets=2000))
    tiers = {a.name: a.tier for a in plan.accounts}
    waits: dict[str, list[float]] = {}
    for ticket in plan.tickets():
        first = next((e.at for e in ticket.events if e.kind == EventKind.REPLIED), None)
        if first:
            hours = (first - ticket.created_at).total_seconds() / 3600
            waits.setdefault(tiers[ticket.account], []).append(hours)
    mean = {tier: sum(v) / len(v) for tier, v in waits.items()}
    assert mean[Tier.ENTERPRISE] < mean[Tier.PRO] < mean[Tier.FREE]
    assert mean[Tier.PARTNER] < mean[Tier.FREE]
    assert max(max(v) for v in waits.values()) > 48  # some tickets wait days


def test_every_topic_template_fills_in():
    import random

    from sunrelay.demo import texts
    from sunrelay.demo.topics import TOPICS

    rng = random.Random(1)
    keys = [t.key for t in TOPICS]
    assert len(keys) == len(set(keys))
    for topic in TOPICS:
        values = texts.fill_values(rng, topic)
        values["bug"] = "ENG-1234"
        for text in (*topic.subjects, topic.symptom, topic.steps, topic.detail, topic.ask,
                     topic.provide, topic.repro, topic.fix, topic.answer, topic.workaround):  # fmt: skip
            assert not re.search(r"\{[a-z_]+\}", text.format(**values)), (topic.key, text)
