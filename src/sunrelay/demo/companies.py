"""Invented customer accounts: tiers, a long-tailed MRR, home time zones, domains and the
AE + CE pairing. Pure: a seeded random.Random in, plain records out."""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from sunrelay.accounts.models import Tier
from sunrelay.demo import names
from sunrelay.demo.people import ACCOUNT_TEAMS

# Share of accounts per tier: most are small, a few carry the revenue.
TIER_SHARES = {
    Tier.FREE: 0.44,
    Tier.BASIC: 0.27,
    Tier.PRO: 0.17,
    Tier.ENTERPRISE: 0.08,
    Tier.PARTNER: 0.04,
}
# Tiers whose accounts have a customer engineer; every paying account has an AE.
CE_TIERS = (Tier.PRO, Tier.ENTERPRISE, Tier.PARTNER)

REGION_TIME_ZONES = {
    "americas_east": (
        ("America/New_York", 6),
        ("America/Chicago", 3),
        ("America/Toronto", 2),
        ("America/Mexico_City", 1),
        ("America/Sao_Paulo", 1),
        ("America/Bogota", 1),
    ),
    "americas_west": (
        ("America/Los_Angeles", 5),
        ("America/Denver", 2),
        ("America/Phoenix", 1),
        ("America/Vancouver", 1),
    ),
    "emea_apac": (
        ("Europe/Madrid", 4),
        ("Europe/London", 4),
        ("Europe/Berlin", 3),
        ("Europe/Paris", 2),
        ("Europe/Amsterdam", 2),
        ("Europe/Stockholm", 1),
        ("Africa/Johannesburg", 1),
        ("Asia/Kolkata", 1),
        ("Asia/Singapore", 1),
        ("Asia/Tokyo", 1),
        ("Australia/Sydney", 1),
    ),
}
REGION_WEIGHTS = {"americas_east": 0.35, "americas_west": 0.25, "emea_apac": 0.40}
REGION_CODES = {"americas_east": "us", "americas_west": "west", "emea_apac": "eu"}

# How many tickets an account tends to send, relative to a Basic one.
TIER_ACTIVITY = {
    Tier.FREE: 0.5,
    Tier.BASIC: 1.0,
    Tier.PRO: 2.0,
    Tier.ENTERPRISE: 4.5,
    Tier.PARTNER: 3.0,
}


@dataclass(frozen=True)
class AccountSpec:
    name: str
    tier: str
    mrr: Decimal
    strategic: bool
    time_zone: str
    region: str
    domains: tuple[str, ...]
    ae: str | None
    ce: str | None
    created_at: datetime
    activity: float


def tier_quotas(n: int) -> list[str]:
    """`n` tiers in the TIER_SHARES proportions (largest remainder), each tier at least
    once when n allows it. Ordered from free to partner."""
    tiers = list(TIER_SHARES)
    exact = [TIER_SHARES[t] * n for t in tiers]
    counts = [math.floor(x) for x in exact]
    if n >= len(tiers):
        counts = [max(1, c) for c in counts]
    by_remainder = sorted(range(len(tiers)), key=lambda i: exact[i] - counts[i], reverse=True)
    i = 0
    while sum(counts) < n:
        counts[by_remainder[i % len(tiers)]] += 1
        i += 1
    while sum(counts) > n:  # the minimum of one pushed us over: take from the largest
        counts[counts.index(max(counts))] -= 1
    return [t for t, c in zip(tiers, counts, strict=True) for _ in range(c)]


def monthly_revenue(rng: random.Random, tier: str) -> Decimal:
    if tier == Tier.FREE:
        return Decimal(0)
    if tier == Tier.BASIC:
        return Decimal(rng.choices((49, 99, 149, 199, 299), weights=(5, 4, 2, 2, 1))[0])
    if tier == Tier.PRO:
        value = min(3500, max(400, rng.lognormvariate(math.log(1200), 0.5)))
        return Decimal(round(value, -1))
    if tier == Tier.ENTERPRISE:
        value = min(60000, 4000 * rng.paretovariate(1.3))
        return Decimal(round(value, -2))
    value = min(25000, max(1500, rng.lognormvariate(math.log(4000), 0.6)))
    return Decimal(round(value, -2))


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _company_names(rng: random.Random, n: int) -> list[tuple[str, str]]:
    """(name, name without its legal suffix) pairs, unique without the suffix."""
    result: list[tuple[str, str]] = []
    seen: set[str] = set()
    while len(result) < n:
        base = f"{rng.choice(names.COMPANY_FIRST)} {rng.choice(names.COMPANY_SECOND)}"
        if base in seen:
            if len(seen) >= len(names.COMPANY_FIRST) * len(names.COMPANY_SECOND):
                base = f"{base} {len(result) + 1}"  # word lists exhausted: number them
            else:
                continue
        seen.add(base)
        suffix = rng.choice(names.COMPANY_SUFFIX)
        result.append((f"{base} {suffix}".strip(), base))
    return result


def _domains(rng: random.Random, base_name: str, tier: str, region: str) -> tuple[str, ...]:
    base = slug(base_name)
    primary = f"{base}.{rng.choice(names.DOMAIN_TLDS)}"
    if tier in CE_TIERS and rng.random() < 0.3:
        return (primary, f"{base}-{REGION_CODES[region]}.{rng.choice(names.DOMAIN_TLDS)}")
    return (primary,)


def _assign_teams(specs: list[dict]) -> None:
    """AE on every paying account; CE on CE tiers, preferring the region's CE but keeping
    the CEs' books within one account of each other's size cap."""
    teams = {region: (ae, ce) for region, ae, ce in ACCOUNT_TEAMS}
    ce_accounts = [s for s in specs if s["tier"] in CE_TIERS]
    cap = math.ceil(len(ce_accounts) / len(ACCOUNT_TEAMS)) if ce_accounts else 0
    load = {ce: 0 for _, _, ce in ACCOUNT_TEAMS}
    ae_of_ce = {ce: ae for _, ae, ce in ACCOUNT_TEAMS}
    for spec in sorted(ce_accounts, key=lambda s: s["mrr"], reverse=True):
        ce = teams[spec["region"]][1]
        if load[ce] >= cap:
            ce = min(load, key=lambda c: (load[c], c))
        load[ce] += 1
        spec["ce"], spec["ae"] = ce, ae_of_ce[ce]
    for spec in specs:
        if spec["tier"] == Tier.BASIC:
            spec["ae"] = teams[spec["region"]][0]


def plan_accounts(rng: random.Random, n: int, anchor: datetime) -> list[AccountSpec]:
    tiers = tier_quotas(n)
    rng.shuffle(tiers)
    company_names = _company_names(rng, n)
    specs: list[dict] = []
    for (name, base_name), tier in zip(company_names, tiers, strict=True):
        region = rng.choices(list(REGION_WEIGHTS), weights=list(REGION_WEIGHTS.values()))[0]
        zones = REGION_TIME_ZONES[region]
        time_zone = rng.choices([z for z, _ in zones], weights=[w for _, w in zones])[0]
        age_days = rng.uniform(200, 500 if tier == Tier.FREE else 2000)
        specs.append(
            {
                "name": name,
                "tier": tier,
                "mrr": monthly_revenue(rng, tier),
                "time_zone": time_zone,
                "region": region,
                "domains": _domains(rng, base_name, tier, region),
                "ae": None,
                "ce": None,
                "created_at": (anchor - timedelta(days=age_days)).replace(microsecond=0),
                "activity": TIER_ACTIVITY[tier] * rng.lognormvariate(0, 0.6),
            }
        )
    strategic_count = max(1, round(n / 30)) if n else 0
    largest = sorted(specs, key=lambda s: (s["mrr"], s["name"]), reverse=True)
    strategic = {s["name"] for s in largest[:strategic_count] if s["mrr"] > 0}
    _assign_teams(specs)
    _dedupe_domains(specs)
    return [AccountSpec(strategic=s["name"] in strategic, **s) for s in specs]


def _dedupe_domains(specs: list[dict]) -> None:
    # Suffixes ("Inc.", "GmbH") do not reach the domain, and names are unique without
    # them, so clashes are rare; number the later ones.
    seen: set[str] = set()
    for spec in specs:
        unique = []
        for domain in spec["domains"]:
            host, tld = domain.rsplit(".", 1)
            candidate, k = domain, 2
            while candidate in seen:
                candidate, k = f"{host}{k}.{tld}", k + 1
            seen.add(candidate)
            unique.append(candidate)
        spec["domains"] = tuple(unique)
