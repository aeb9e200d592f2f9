"""/contacts: the people who write to us, their skill level and account."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router
from ninja import Status as HttpStatus

from sunrelay.accounts import services
from sunrelay.accounts.models import Contact
from sunrelay.accounts.permissions import check_can_edit, visible_contacts
from sunrelay.api import lookups
from sunrelay.api.account_schemas import (
    ContactFilters,
    ContactIn,
    ContactOut,
    ContactPage,
    ContactPatch,
)
from sunrelay.api.auth import actor
from sunrelay.api.schemas import Id, Paging, page

router = Router(tags=["contacts"])


def contacts_for(user) -> QuerySet[Contact]:
    return visible_contacts(user).select_related("account")


@router.get("", response=ContactPage, summary="List contacts")
def list_contacts(request: HttpRequest, filters: Query[ContactFilters], paging: Query[Paging]):
    contacts = contacts_for(actor(request))
    if filters.account is not None:
        contacts = contacts.filter(account_id=filters.account)
    if filters.skill is not None:
        contacts = contacts.filter(skill=filters.skill)
    if filters.email:
        contacts = contacts.filter(email__iexact=filters.email.strip())
    if filters.q:
        contacts = contacts.filter(Q(name__icontains=filters.q) | Q(email__icontains=filters.q))
    return page(contacts.order_by("name", "email", "id"), paging)


@router.get("/{contact_id}", response=ContactOut, summary="Read a contact")
def get_contact(request: HttpRequest, contact_id: Id):
    return get_object_or_404(contacts_for(actor(request)), pk=contact_id)


@router.post("", response={201: ContactOut}, summary="Create a contact")
def create_contact(request: HttpRequest, payload: ContactIn):
    user = actor(request)
    check_can_edit(user)
    fields = payload.model_dump(exclude={"account_id"})
    if "account_id" in payload.model_fields_set:
        fields["account"] = lookups.account_or_none(user, "account_id", payload.account_id)
    contact = services.create_contact(actor=user, **fields)
    return HttpStatus(201, contacts_for(user).get(pk=contact.pk))


@router.patch("/{contact_id}", response=ContactOut, summary="Change a contact")
def update_contact(request: HttpRequest, contact_id: Id, payload: ContactPatch):
    user = actor(request)
    contact = get_object_or_404(visible_contacts(user), pk=contact_id)
    check_can_edit(user)
    changes = payload.model_dump(exclude_unset=True)
    if "account_id" in changes:
        changes["account"] = lookups.account_or_none(user, "account_id", changes.pop("account_id"))
    services.update_contact(contact, user, **changes)
    return contacts_for(user).get(pk=contact.pk)
