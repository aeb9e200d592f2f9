"""Request and response bodies of the account and contact endpoints."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from ninja import Field, Schema

from sunrelay.accounts.models import SkillLevel, Tier
from sunrelay.api.schemas import AccountRef, Day, EmailText, Id, Input, Search, UserRef


class AccountOut(Schema):
    id: int
    name: str
    tier: Tier
    mrr: Decimal = Field(description="Monthly recurring revenue, as a decimal string.")
    strategic: bool
    renewal_on: date | None = Field(description="When the contract comes up for renewal.")
    time_zone: str
    ae: UserRef | None
    ce: UserRef | None
    domains: list[str]
    portal_shares_tickets: bool = Field(
        description="Its contacts see all of the account's tickets in the customer portal."
    )
    created_at: datetime

    @staticmethod
    def resolve_domains(obj) -> list[str]:
        return [row.domain for row in obj.domains.all()]  # prefetched


class AccountPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[AccountOut]


class AccountFilters(Schema):
    tier: Tier | None = None
    strategic: bool | None = None
    q: Search | None = Field(None, description="Text the name contains (any case).")


class AccountIn(Input):
    name: str
    tier: Tier = Tier.FREE
    mrr: Decimal = Decimal(0)
    strategic: bool = False
    renewal_on: Day | None = Field(None, description="When the contract comes up for renewal.")
    time_zone: str = Field("UTC", description="IANA name, e.g. Europe/Madrid.")
    ae_id: Id | None = Field(None, description="Account executive (sales role).")
    ce_id: Id | None = Field(None, description="Customer engineer (customer_engineer role).")
    domains: list[str] = Field([], description="E-mail domains whose senders belong here.")
    portal_shares_tickets: bool = Field(
        False, description="Its contacts see all of the account's tickets in the portal."
    )


class AccountPatch(Input):
    # Fields left out stay as they are; null is refused where a field cannot be empty.
    name: str = None
    tier: Tier = None
    mrr: Decimal = None
    strategic: bool = None
    renewal_on: Day | None = Field(None, description="null: no renewal date.")
    time_zone: str = None
    ae_id: Id | None = None
    ce_id: Id | None = None
    domains: list[str] = Field(None, description="Replaces all of the account's domains.")
    portal_shares_tickets: bool = None


class ContactOut(Schema):
    id: int
    name: str
    email: str
    skill: SkillLevel
    account: AccountRef | None
    created_at: datetime


class ContactPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ContactOut]


class ContactFilters(Schema):
    account: Id | None = Field(None, description="Account id.")
    skill: SkillLevel | None = None
    email: EmailText | None = Field(None, description="Exact e-mail address (any case).")
    q: Search | None = Field(None, description="Text the name or e-mail contains (any case).")


class ContactIn(Input):
    email: str = Field(max_length=254)
    name: str = ""
    skill: SkillLevel = SkillLevel.INTERMEDIATE
    account_id: Id | None = Field(
        None,
        description="Left out: the account owning the e-mail's domain, if any. null: no account.",
    )


class ContactPatch(Input):
    email: str = Field(None, max_length=254)
    name: str = None
    skill: SkillLevel = None
    account_id: Id | None = None
