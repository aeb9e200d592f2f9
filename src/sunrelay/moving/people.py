"""Organisations, customers and agents of a source as accounts, contacts and people.

- An organisation already imported is updated; else an account of the same name (any case)
  is taken, else one is created. A domain another account owns stays with it (reported).
- A customer is the contact of the same e-mail (any case), else a new one, of their
  organisation's account or else of the account owning their domain; without an
  e-mail they get `<source>-<id>@import.invalid`, an address never mailed (lib.mailable).
- An agent is the person of the same e-mail; else a new person who cannot log in and holds
  no role, until a lead activates them (reported).
"""

from __future__ import annotations

import re

from django.contrib.auth.models import User

from sunrelay.accounts.models import Account, AccountDomain, Contact
from sunrelay.accounts.services import account_for_email, normalize_email
from sunrelay.moving.models import RecordKind
from sunrelay.moving.records import Records
from sunrelay.moving.replay import Who
from sunrelay.moving.source import Export, Organisation, Person


class People:
    """The accounts, contacts and people of one import; `who` names them for the replay."""

    def __init__(self, export: Export, records: Records, counts, not_mapped: list[str]):
        self.records, self.counts, self.not_mapped = records, counts, not_mapped
        self.source = records.source
        self.account_ids: dict[str, int] = {}
        self.by_id: dict[str, Person] = {p.source_id: p for p in export.people}
        self.usernames: dict[str, int] = {}  # username -> user id
        self.contacts: dict[str, int] = {}  # lower-case e-mail -> contact id
        self.contact_accounts: dict[str, int | None] = {}
        self.staff: dict[str, str] = {}  # source id -> username
        for organisation in export.organisations:
            self.account_ids[organisation.source_id] = self._account(organisation)
        for person in export.people:
            if person.staff:
                self.staff[person.source_id] = self._user(person)
            else:
                self.contact_for(person)

    def who(self, source_id: str | None) -> Who:
        if source_id is None:
            return Who()
        if source_id in self.staff:
            return Who(username=self.staff[source_id])
        person = self.by_id.get(source_id)
        if person is None:
            return Who()
        return Who(email=self.contact_for(person))

    def email_of(self, person: Person) -> str:
        email = normalize_email(person.email or "")
        return email or f"{self.source}-{person.source_id}@import.invalid".lower()

    def contact_for(self, person: Person) -> str:
        """The contact's e-mail (the log's name for them), the contact made if need be."""
        email = self.email_of(person)
        if email in self.contacts:
            return email
        account_id = self.account_ids.get(person.organisation_id or "")
        if account_id is None:
            account = account_for_email(email)
            account_id = account.pk if account else None
        record = self.records.get(RecordKind.CONTACT, person.source_id)
        contact = None
        if record is not None:
            contact = Contact.objects.filter(pk=record.object_id).first()
        contact = contact or Contact.objects.filter(email__iexact=email).first()
        name = " ".join(person.name.split())[:200]
        if contact is None:
            contact = Contact.objects.create(name=name, email=email, account_id=account_id)
            self.counts["contacts created"] += 1
        elif (contact.name, contact.account_id) != (name or contact.name, account_id):
            contact.name = name or contact.name
            contact.account_id = account_id or contact.account_id
            contact.save(update_fields=["name", "account"])
            self.counts["contacts updated"] += 1
        if not person.email:
            self.not_mapped.append(f"customer {person.source_id}: no e-mail; given {email}")
        self.records.keep(RecordKind.CONTACT, person.source_id, contact.pk)
        self.contacts[email] = contact.pk
        self.contact_accounts[email] = contact.account_id
        return email

    def _account(self, organisation: Organisation) -> int:
        name = " ".join(organisation.name.split())[:200] or f"Organisation {organisation.source_id}"
        record = self.records.get(RecordKind.ACCOUNT, organisation.source_id)
        account = Account.objects.filter(pk=record.object_id).first() if record else None
        account = account or Account.objects.filter(name__iexact=name).first()
        if account is None:
            account = Account.objects.create(name=name)
            self.counts["accounts created"] += 1
        elif account.name != name and not Account.objects.filter(name__iexact=name).exists():
            account.name = name
            account.save(update_fields=["name"])
            self.counts["accounts updated"] += 1
        for domain in organisation.domains:
            domain = domain.strip().lower()
            owner = AccountDomain.objects.filter(domain=domain).first()
            if owner is None:
                AccountDomain.objects.create(account=account, domain=domain)
            elif owner.account_id != account.pk:
                self.not_mapped.append(
                    f"organisation {organisation.source_id}: domain {domain} belongs to "
                    "another account already; left there"
                )
        self.records.keep(RecordKind.ACCOUNT, organisation.source_id, account.pk)
        return account.pk

    def _user(self, person: Person) -> str:
        record = self.records.get(RecordKind.STAFF, person.source_id)
        user = User.objects.filter(pk=record.object_id).first() if record else None
        email = normalize_email(person.email or "")
        if user is None and email:
            user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User(username=self._free_username(person), email=email, is_active=False)
            first, _, last = " ".join(person.name.split()).partition(" ")
            user.first_name, user.last_name = first[:150], last[:150]
            user.set_unusable_password()
            user.save()
            self.counts["people created"] += 1
            self.not_mapped.append(
                f"agent {person.source_id} ({email or 'no e-mail'}): new person {user.username},"
                " inactive and without a role until a lead grants one"
            )
        self.records.keep(RecordKind.STAFF, person.source_id, user.pk)
        self.usernames[user.username] = user.pk
        return user.username

    def _free_username(self, person: Person) -> str:
        stem = re.sub(r"[^\w.@+-]", "", (person.email or "").partition("@")[0].lower())
        stem = stem[:100] or f"{self.source}-{person.source_id}"
        name, n = stem, 1
        while User.objects.filter(username=name).exists():
            n += 1
            name = f"{stem}-{n}"
        return name
