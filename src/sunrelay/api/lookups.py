"""Ids in request bodies turned into objects; an unknown id is a 422 on that field."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from sunrelay.accounts.permissions import visible_accounts, visible_contacts


def user_or_none(field: str, pk: int | None):
    if pk is None:
        return None
    user = get_user_model().objects.filter(pk=pk).first()
    if user is None:
        raise ValidationError({field: f"There is no user with id {pk}."})
    return user


def account_or_none(actor, field: str, pk: int | None):
    if pk is None:
        return None
    account = visible_accounts(actor).filter(pk=pk).first()
    if account is None:
        raise ValidationError({field: f"There is no account with id {pk}."})
    return account


def contact(actor, field: str, pk: int):
    found = visible_contacts(actor).select_related("account").filter(pk=pk).first()
    if found is None:
        raise ValidationError({field: f"There is no contact with id {pk}."})
    return found
