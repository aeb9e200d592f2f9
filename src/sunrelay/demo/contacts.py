"""Invented customer contacts: names, e-mail at their account's domains, skill levels."""

from __future__ import annotations

import math
import random
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from sunrelay.accounts.models import SkillLevel, Tier
from sunrelay.demo import names
from sunrelay.demo.companies import AccountSpec

# Relative number of people who write to us, per tier.
TIER_HEADCOUNT = {
    Tier.FREE: 1.5,
    Tier.BASIC: 3.0,
    Tier.PRO: 5.0,
    Tier.ENTERPRISE: 12.0,
    Tier.PARTNER: 8.0,
}
# (beginner, intermediate, advanced) per tier: partners build on the product.
SKILL_MIX = {
    Tier.FREE: (45, 40, 15),
    Tier.BASIC: (35, 45, 20),
    Tier.PRO: (25, 45, 30),
    Tier.ENTERPRISE: (20, 45, 35),
    Tier.PARTNER: (10, 40, 50),
}
SKILLS = (SkillLevel.BEGINNER, SkillLevel.INTERMEDIATE, SkillLevel.ADVANCED)


@dataclass(frozen=True)
class ContactSpec:
    name: str
    email: str
    skill: str
    account: str
    created_at: datetime

    @property
    def first_name(self) -> str:
        return self.name.split()[0]


def ascii_word(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9-]", "", plain.lower())


def headcounts(rng: random.Random, accounts: list[AccountSpec], n: int) -> list[int]:
    """Split `n` contacts over the accounts by tier weight (largest remainder); every
    account gets one first when there are enough."""
    if not accounts:
        return []
    weights = [TIER_HEADCOUNT[a.tier] * rng.uniform(0.6, 1.4) for a in accounts]
    base = 1 if n >= len(accounts) else 0
    spare = n - base * len(accounts)
    total = sum(weights)
    exact = [spare * w / total for w in weights]
    counts = [base + math.floor(x) for x in exact]
    order = sorted(
        range(len(accounts)), key=lambda i: exact[i] - math.floor(exact[i]), reverse=True
    )
    for i in order[: n - sum(counts)]:
        counts[i] += 1
    return counts


def _email(first: str, last: str, domain: str, used: set[str]) -> str:
    f, surname = ascii_word(first), ascii_word(last)
    for local in (f"{f}.{surname}", f"{f[0]}{surname}", f"{f}.{surname[0]}"):
        email = f"{local}@{domain}"
        if email not in used:
            return email
    k = 2
    while f"{f}.{surname}{k}@{domain}" in used:
        k += 1
    return f"{f}.{surname}{k}@{domain}"


def plan_contacts(
    rng: random.Random, accounts: list[AccountSpec], n: int, anchor: datetime
) -> list[ContactSpec]:
    result: list[ContactSpec] = []
    used: set[str] = set()
    for account, count in zip(accounts, headcounts(rng, accounts, n), strict=True):
        for _ in range(count):
            first = rng.choice(names.FIRST_NAMES)
            last = rng.choice(names.LAST_NAMES)
            # Most people use the main domain.
            domain = account.domains[0] if rng.random() < 0.8 else rng.choice(account.domains)
            email = _email(first, last, domain, used)
            used.add(email)
            skill = rng.choices(SKILLS, weights=SKILL_MIX[account.tier])[0]
            since = account.created_at + timedelta(
                days=rng.randint(0, 10), seconds=rng.randint(0, 86399)
            )
            result.append(
                ContactSpec(f"{first} {last}", email, skill, account.name, min(since, anchor))
            )
    return result
