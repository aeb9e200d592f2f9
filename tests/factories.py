"""Plain builders for test data (no factory library: a few explicit functions are enough)."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import User

from sunrelay.accounts.models import Account, AccountDomain, Contact
from sunrelay.desk import services
from sunrelay.team.models import StaffProfile, StaffRole


def make_staff(username: str, roles: list[str], time_zone: str = "UTC", **fields) -> User:
    user = User.objects.create_user(
        username,
        f"{username}@sunrelay.test",
        f"pw-{username}-1234",
        first_name=fields.pop("first_name", username.capitalize()),
        **fields,
    )
    StaffProfile.objects.create(user=user, time_zone=time_zone)
    for role in roles:
        StaffRole.objects.create(user=user, role=role)
    return user


def make_account(name: str, tier: str = "pro", mrr=1000, domains=(), **fields) -> Account:
    account = Account.objects.create(name=name, tier=tier, mrr=Decimal(mrr), **fields)
    for domain in domains:
        AccountDomain.objects.create(account=account, domain=domain)
    return account


def make_contact(name: str, email: str, account=None, skill: str = "intermediate") -> Contact:
    return Contact.objects.create(name=name, email=email, account=account, skill=skill)


def make_ticket(
    requester: Contact, subject: str = "Something broke", body: str = "Help, please.", **kw
):
    new = services.NewTicket(requester=requester, subject=subject, body=body, **kw)
    return services.create_ticket(new, actor=None).ticket
