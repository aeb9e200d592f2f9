"""Every write to accounts, their domains and contacts happens here.

Rule violations raise django.core.exceptions.ValidationError with a message per field;
access violations raise PermissionDenied (only staff who work tickets edit accounts).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from sunrelay.accounts.domains import check_account_domains, normalize_domains
from sunrelay.accounts.models import Account, AccountDomain, Contact, SkillLevel, Tier
from sunrelay.accounts.permissions import check_can_change_team, check_can_edit
from sunrelay.accounts.signals import team_changed
from sunrelay.lib.formatting import person
from sunrelay.team.models import Role
from sunrelay.team.roles import roles_of

ACCOUNT_FIELDS = frozenset(
    {
        "name",
        "tier",
        "mrr",
        "strategic",
        "renewal_on",
        "time_zone",
        "ae",
        "ce",
        "domains",
        "portal_shares_tickets",
        "business_calendar",
    }
)
CONTACT_FIELDS = frozenset({"name", "email", "skill", "account"})
# Which role each side of the account team must hold, and its name in words.
TEAM_ROLES = {"ae": Role.SALES, "ce": Role.CUSTOMER}
TEAM_WORDS = {"ae": "account executive", "ce": "customer engineer"}

Errors = dict[str, list[str]]


def normalize_email(email: str) -> str:
    """Trim and lower-case the domain; the local part is the mail server's business."""
    local, at, domain = (email or "").strip().rpartition("@")
    return f"{local}@{domain.lower()}" if at else (email or "").strip()


def email_domain(email: str) -> str:
    return normalize_email(email).rpartition("@")[2]


def account_for_email(email: str) -> Account | None:
    """The account that owns the sender's domain, if any."""
    found = (
        AccountDomain.objects.select_related("account").filter(domain=email_domain(email)).first()
    )
    return found.account if found else None


def _add(errors: Errors, field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def _model_errors(instance, exclude: Iterable[str] = ()) -> Errors:
    # Field validators (choices, lengths, mrr >= 0, IANA time zone, e-mail syntax, names on
    # one line) live on the
    # models; run them instead of restating them. Constraints are checked with clearer words.
    try:
        instance.full_clean(exclude=list(exclude), validate_constraints=False)
    except ValidationError as exc:
        return dict(exc.message_dict)
    return {}


def _check_team(errors: Errors, field: str, user) -> None:
    role = TEAM_ROLES[field]
    if user is not None and not (user.is_active and role in roles_of(user)):
        _add(errors, field, f"{person(user)} is not an active {TEAM_WORDS[field]}.")


def _check_domains(errors: Errors, account: Account, domains: list[str]) -> None:
    try:
        check_account_domains(domains)
    except ValidationError as exc:
        errors.update(exc.message_dict)
        return
    taken = AccountDomain.objects.filter(domain__in=domains).select_related("account")
    if account.pk is not None:
        taken = taken.exclude(account=account)
    for row in taken:
        _add(errors, "domains", f"{row.domain} already belongs to {row.account.name}.")


def _set_domains(account: Account, domains: list[str]) -> None:
    account.domains.exclude(domain__in=domains).delete()
    existing = set(account.domains.values_list("domain", flat=True))
    AccountDomain.objects.bulk_create(
        AccountDomain(account=account, domain=d) for d in domains if d not in existing
    )


def _team_of(account: Account) -> tuple[int | None, int | None]:
    return account.ae_id, account.ce_id


def _tell_team_changed(account: Account, actor, reason: str, at=None) -> None:
    team_changed.send(
        sender=Account, account=account, actor=actor, reason=reason, at=at or timezone.now()
    )


@transaction.atomic
def change_team(account: Account, actor, *, ae, ce, reason: str = "", at=None) -> bool:
    """Make `ae` and `ce` the account's team (None: nobody), told with `reason` and `at`.

    Leads only; refuses an AE without the sales role and a CE without the customer engineer
    role, in words. False, and nothing written, when the team stays the same.
    """
    check_can_change_team(actor)
    errors: Errors = {}
    for field, user in (("ae", ae), ("ce", ce)):
        _check_team(errors, field, user)
    if errors:
        raise ValidationError(errors)
    locked = Account.objects.select_for_update().get(pk=account.pk)
    if _team_of(locked) == (getattr(ae, "pk", None), getattr(ce, "pk", None)):
        return False
    locked.ae, locked.ce = ae, ce
    Account.objects.filter(pk=locked.pk).update(ae=ae, ce=ce)
    account.ae, account.ce = ae, ce
    _tell_team_changed(locked, actor, reason, at)
    return True


def _save_account(account: Account, domains: list[str] | None) -> Account:
    errors = _model_errors(account, exclude=["ae", "ce", "business_calendar"])
    for field in ("ae", "ce"):
        _check_team(errors, field, getattr(account, field))
    if domains is not None:
        _check_domains(errors, account, domains)
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            account.save()
            if domains is not None:
                _set_domains(account, domains)
    except IntegrityError:
        # Another request took the name or a domain between the check and the write.
        raise ValidationError(
            "Another request took this account name or one of its domains; try again."
        ) from None
    return account


@transaction.atomic
def create_account(
    *,
    actor,
    name: str,
    tier: str = Tier.FREE,
    mrr: Decimal | int | str = 0,
    strategic: bool = False,
    renewal_on: date | None = None,
    time_zone: str = "UTC",
    ae=None,
    ce=None,
    domains: Iterable[str] = (),
    portal_shares_tickets: bool = False,
    business_calendar=None,
) -> Account:
    check_can_edit(actor)
    account = Account(
        name=(name or "").strip(),
        tier=tier,
        mrr=mrr,
        strategic=bool(strategic),
        renewal_on=renewal_on,
        time_zone=(time_zone or "").strip(),
        ae=ae,
        ce=ce,
        portal_shares_tickets=bool(portal_shares_tickets),
        business_calendar=business_calendar,
    )
    _save_account(account, normalize_domains(domains))
    if _team_of(account) != (None, None):
        _tell_team_changed(account, actor, "Named when the account was created.")
    return account


@transaction.atomic
def update_account(account: Account, actor, *, team_reason: str = "", **changes: Any) -> Account:
    """Change the given fields; `domains` replaces the whole list of the account's domains.

    Contacts already attached stay where they are when domains change. A new AE or CE is
    for leads only, and is told (accounts.signals.team_changed) with `team_reason`.
    """
    check_can_edit(actor)
    unknown = set(changes) - ACCOUNT_FIELDS
    if unknown:
        raise ValidationError({name: "This field cannot be changed." for name in sorted(unknown)})
    locked = Account.objects.select_for_update().get(pk=account.pk)
    team_before = _team_of(locked)
    domains = changes.pop("domains", None)
    for field, value in changes.items():
        if field in ("name", "time_zone"):
            value = (value or "").strip()
        elif field in ("strategic", "portal_shares_tickets"):
            value = bool(value)
        setattr(locked, field, value)
    team_moved = _team_of(locked) != team_before
    if team_moved:
        check_can_change_team(actor)
    _save_account(locked, normalize_domains(domains) if domains is not None else None)
    if team_moved:
        _tell_team_changed(locked, actor, team_reason)
    for field in Account._meta.concrete_fields:
        setattr(account, field.attname, getattr(locked, field.attname))
    return account


def _save_contact(contact: Contact) -> Contact:
    contact.email = normalize_email(contact.email)
    errors = _model_errors(contact, exclude=["account"])
    duplicate = Contact.objects.filter(email__iexact=contact.email)
    if contact.pk is not None:
        duplicate = duplicate.exclude(pk=contact.pk)
    if "email" not in errors and duplicate.exists():
        _add(errors, "email", f"A contact with the e-mail {contact.email} exists.")
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            contact.save()
    except IntegrityError:
        raise ValidationError(
            {"email": f"A contact with the e-mail {contact.email} exists."}
        ) from None
    return contact


# Marks "no account given": the contact then joins the account owning its e-mail domain.
BY_DOMAIN = object()


def create_contact(
    *,
    actor,
    email: str,
    name: str = "",
    skill: str = SkillLevel.INTERMEDIATE,
    account: Account | None | object = BY_DOMAIN,
) -> Contact:
    check_can_edit(actor)
    if account is BY_DOMAIN:
        account = account_for_email(email)
    contact = Contact(name=(name or "").strip(), email=email, skill=skill, account=account)
    return _save_contact(contact)


@transaction.atomic
def update_contact(contact: Contact, actor, **changes: Any) -> Contact:
    check_can_edit(actor)
    unknown = set(changes) - CONTACT_FIELDS
    if unknown:
        raise ValidationError({name: "This field cannot be changed." for name in sorted(unknown)})
    locked = Contact.objects.select_for_update().get(pk=contact.pk)
    for field, value in changes.items():
        setattr(locked, field, (value or "").strip() if field == "name" else value)
    _save_contact(locked)
    for field in Contact._meta.concrete_fields:
        setattr(contact, field.attname, getattr(locked, field.attname))
    return contact


def contact_for_email(email: str, *, actor, name: str = "") -> Contact:
    """The contact writing from `email` (any case), created if unknown.

    A new contact joins the account owning the e-mail's domain. `actor` is the staff user
    acting, or None when the system itself records a sender (mail intake).
    """
    existing = Contact.objects.filter(email__iexact=normalize_email(email)).first()
    if existing is not None:
        return existing
    if actor is not None:
        check_can_edit(actor)
    contact = Contact(
        name=(name or "").strip(),
        email=email,
        skill=SkillLevel.INTERMEDIATE,
        account=account_for_email(email),
    )
    try:
        return _save_contact(contact)
    except ValidationError:
        # Created by a concurrent request between the lookup and the insert.
        existing = Contact.objects.filter(email__iexact=normalize_email(email)).first()
        if existing is None:
            raise
        return existing


def contacts_at(domain: str):
    """Contacts without an account writing from `domain` or one of its subdomains."""
    domain = domain.lower()
    return Contact.objects.filter(account__isnull=True).filter(
        models.Q(email__iendswith="@" + domain) | models.Q(email__iendswith="." + domain)
    )


@transaction.atomic
def move_contacts_to_account(
    actor, account: Account, *, domain: str = "", contacts: Iterable[Contact] = ()
) -> list[int]:
    """Put contacts without an account into `account`: the given ones, and with `domain`
    every one writing from it, the domain joining the account so later senders follow.
    Returns the ids of the contacts moved (desk.services.place_contacts moves their tickets).
    """
    check_can_edit(actor)
    ids = {c.pk for c in contacts}
    if domain:
        domain = next(iter(normalize_domains([domain])), "")
        if not domain:
            raise ValidationError({"domain": "Which domain?"})
        check_account_domains([domain], field="domain")
        known = list(account.domains.values_list("domain", flat=True))
        if domain not in known:
            update_account(account, actor, domains=[*known, domain])
        ids |= set(contacts_at(domain).values_list("pk", flat=True))
    moving = list(
        Contact.objects.filter(pk__in=ids, account__isnull=True).values_list("pk", flat=True)
    )
    Contact.objects.filter(pk__in=moving).update(account=account)
    return moving
