"""Sender address → contact → account.

Exact address first (case-insensitive), else the account that owns the sender's domain (or a
parent domain), else a new contact without an account, listed under "Contacts that need an
account" for staff to sort out.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.db.models.functions import Lower

from sunrelay.accounts.models import Account, AccountDomain, Contact


class Senders:
    """Looks contacts up, remembering them for the length of one import or one message."""

    def __init__(self, *, preload_domains: bool = False) -> None:
        self._contacts: dict[str, Contact] = {}
        self._domains: dict[str, Account | None] = {}
        self._all_domains_loaded = False
        self._absent: set[str] = set()  # looked up by prefetch() and not found
        self._created: list[str] = []  # addresses of contacts this run created, in order
        # Within an import batch: new contacts are handed to this (the batch's bulk writer)
        # unsaved, and inserted with the batch.
        self.defer: Callable[[Contact], Contact] | None = None
        if preload_domains and AccountDomain.objects.count() <= 50_000:
            # Imports look up many domains: one query instead of one per new sender.
            for row in AccountDomain.objects.select_related("account"):
                self._domains[row.domain] = row.account
            self._all_domains_loaded = True

    def contact(self, address: str, name: str = "") -> Contact:
        address = address.lower()
        found = self._contacts.get(address)
        if found is not None:
            return found
        found = None if address in self._absent else find_contact(address)
        if found is None:
            found = self._create(address, name)
            self._created.append(address)
        self._contacts[address] = found
        return found

    def checkpoint(self) -> int:
        return len(self._created)

    def rollback_to(self, mark: int) -> None:
        """Forget contacts created since `mark`: their transaction was rolled back."""
        for address in self._created[mark:]:
            self._contacts.pop(address, None)
        del self._created[mark:]

    def prefetch(self, addresses) -> None:
        """Look up the contacts of many senders in one query (an import batch)."""
        wanted = {a.lower() for a in addresses if a} - set(self._contacts)
        if not wanted:
            return
        found = (
            Contact.objects.alias(email_lower=Lower("email"))
            .filter(email_lower__in=wanted)
            .select_related("account")
        )
        for contact in found:
            self._contacts[contact.email.lower()] = contact
        self._absent = wanted - set(self._contacts)

    def account_for(self, address: str) -> Account | None:
        domain = address.rpartition("@")[2].lower()
        candidates = []
        labels = domain.split(".")
        for i in range(len(labels) - 1):
            candidates.append(".".join(labels[i:]))
        for candidate in candidates:
            if candidate in self._domains or self._all_domains_loaded:
                if self._domains.get(candidate) is not None:
                    return self._domains[candidate]
                continue
            row = AccountDomain.objects.select_related("account").filter(domain=candidate).first()
            self._domains[candidate] = row.account if row else None
            if row:
                return row.account
        return None

    def _create(self, address: str, name: str) -> Contact:
        account = self.account_for(address)
        if self.defer is not None:
            return self.defer(Contact(name=name[:200], email=address, account=account))
        try:
            with transaction.atomic():
                return Contact.objects.create(name=name[:200], email=address, account=account)
        except IntegrityError:
            # Created meanwhile by another process.
            found = find_contact(address)
            if found is None:
                raise
            return found


def find_contact(address: str) -> Contact | None:
    return (
        Contact.objects.alias(email_lower=Lower("email"))
        .filter(email_lower=address.lower())
        .select_related("account")
        .first()
    )


def contacts_without_account():
    """Contacts that wrote in but belong to no account, most recent first."""
    return Contact.objects.filter(account__isnull=True).order_by("-created_at", "-id")
