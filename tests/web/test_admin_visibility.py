"""The admin shows sales only their own accounts' data, like every other page: every model
admin whose rows belong to an account uses the visibility rule (accounts.permissions)."""

from __future__ import annotations

import pytest
from django.contrib.admin.sites import site
from django.db import models
from django.test import RequestFactory

from sunrelay.accounts.models import Account, Contact
from sunrelay.desk.models import Ticket
from tests.factories import make_account, make_contact, make_staff, make_ticket

OWNED_THROUGH = {Ticket: "account__", Contact: "account__"}


def account_path(model) -> str | None:
    """How rows of `model` lead to their account ("" for accounts); None: not account data."""
    if model is Account:
        return ""
    for field in model._meta.get_fields():
        if not isinstance(field, models.ForeignKey):
            continue
        if field.related_model is Account:
            return f"{field.name}__"
        if field.related_model in OWNED_THROUGH:
            return f"{field.name}__{OWNED_THROUGH[field.related_model]}"
    return None


@pytest.fixture
def two_accounts(db, sales, ticket):
    globex = make_account("Globex", domains=["globex.test"])
    make_ticket(make_contact("Gil", "gil@globex.test", account=globex), subject="Globex export")
    make_ticket(make_contact("Stranger", "s@nowhere.test"), subject="Whose is this?")
    sales.is_staff = True
    sales.save()
    return globex


def test_every_admin_of_account_data_shows_sales_their_accounts_only(two_accounts, sales):
    request = RequestFactory().get("/admin/")
    request.user = sales
    checked = []
    for model, model_admin in site._registry.items():
        path = account_path(model)
        if path is None or not model_admin.has_view_permission(request):
            continue
        rows = model_admin.get_queryset(request)
        assert rows.exists(), f"{model.__name__}: sales see none of their own rows"
        assert not rows.exclude(**{f"{path}ae": sales}).exists(), model.__name__
        checked.append(model.__name__)
    assert {"Account", "Contact", "Ticket", "TicketEvent"} <= set(checked)


def test_sales_do_not_find_other_accounts_in_the_admin(client, two_accounts, sales, account):
    client.force_login(sales)
    accounts = client.get("/admin/accounts/account/").content.decode()
    assert "Acme Maps" in accounts and "Globex" not in accounts
    contacts = client.get("/admin/accounts/contact/").content.decode()
    assert "carla@acme.test" in contacts
    assert "gil@globex.test" not in contacts and "s@nowhere.test" not in contacts
    other = Contact.objects.get(email="gil@globex.test")
    response = client.get(f"/admin/accounts/contact/{other.pk}/change/")
    assert response.status_code == 302  # the admin's answer for a row it cannot find
    assert client.get(f"/admin/accounts/account/{two_accounts.pk}/change/").status_code == 302


def test_people_who_work_tickets_still_see_every_account(client, two_accounts):
    agent = make_staff("wendy", roles=["support"], is_staff=True)
    client.force_login(agent)
    accounts = client.get("/admin/accounts/account/").content.decode()
    assert "Acme Maps" in accounts and "Globex" in accounts
    contacts = client.get("/admin/accounts/contact/").content.decode()
    assert "gil@globex.test" in contacts and "s@nowhere.test" in contacts


def test_the_admin_refuses_a_public_domain_for_an_account(client, db, account):
    # The domain inline follows Django's own permissions: a superuser edits it.
    root = make_staff("root", roles=[], is_staff=True, is_superuser=True)
    client.force_login(root)
    form = {
        "name": account.name,
        "tier": account.tier,
        "mrr": "16000",
        "time_zone": "UTC",
        "domains-TOTAL_FORMS": "2",
        "domains-INITIAL_FORMS": "1",
        "domains-0-id": str(account.domains.get().pk),
        "domains-0-account": str(account.pk),
        "domains-0-domain": "acme.test",
        "domains-1-account": str(account.pk),
        "domains-1-domain": "co.uk",
    }
    response = client.post(f"/admin/accounts/account/{account.pk}/change/", form)
    assert response.status_code == 200
    assert "co.uk is a public suffix" in response.content.decode()
    assert list(account.domains.values_list("domain", flat=True)) == ["acme.test"]
