from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import given
from hypothesis import strategies as st

from sunrelay.accounts import services
from sunrelay.accounts.models import Account, AccountDomain, Contact
from tests.factories import make_contact, make_staff


def errors_of(excinfo) -> set[str]:
    return set(excinfo.value.message_dict)


@pytest.fixture
def customer_engineer(db):
    return make_staff("cecilia", roles=["customer_engineer"])


def test_it_creates_an_account_with_lower_case_domains(agent, sales, customer_engineer):
    account = services.create_account(
        actor=agent,
        name="  Delta Rail ",
        tier="partner",
        mrr="1200.50",
        time_zone="Europe/Berlin",
        ae=sales,
        ce=customer_engineer,
        domains=["Delta.TEST", "@delta.test", "rail.test."],
    )
    account.refresh_from_db()
    assert account.name == "Delta Rail"
    assert account.mrr == Decimal("1200.50")
    assert sorted(account.domains.values_list("domain", flat=True)) == ["delta.test", "rail.test"]


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"tier": "platinum"}, "tier"),
        ({"mrr": -1}, "mrr"),
        ({"time_zone": "Europe/Nowhere"}, "time_zone"),
        ({"time_zone": ""}, "time_zone"),
        ({"name": " "}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"domains": ["exa mple.test"]}, "domains"),
    ],
)
def test_it_refuses_invalid_account_fields(agent, fields, field):
    with pytest.raises(ValidationError) as excinfo:
        services.create_account(actor=agent, **{"name": "Epsilon", **fields})
    assert field in errors_of(excinfo)
    assert not Account.objects.filter(name="Epsilon").exists()


def test_it_requires_the_right_roles_on_the_account_team(agent, sales, customer_engineer):
    with pytest.raises(ValidationError) as excinfo:
        services.create_account(actor=agent, name="Zeta", ae=customer_engineer, ce=sales)
    assert errors_of(excinfo) == {"ae", "ce"}
    inactive = make_staff("old-ae", roles=["sales"], is_active=False)
    with pytest.raises(ValidationError) as excinfo:
        services.create_account(actor=agent, name="Zeta", ae=inactive)
    assert errors_of(excinfo) == {"ae"}


def test_it_keeps_domains_unique_across_accounts(agent, account):
    with pytest.raises(ValidationError) as excinfo:
        services.create_account(actor=agent, name="Other", domains=["ACME.test"])
    assert "Acme Maps" in excinfo.value.message_dict["domains"][0]
    # An account may keep its own domains when they are sent again.
    services.update_account(account, agent, domains=["acme.test", "acme.io"])
    assert sorted(account.domains.values_list("domain", flat=True)) == ["acme.io", "acme.test"]


@pytest.mark.parametrize("user", ["sales", "outsider"])
def test_only_staff_who_work_tickets_write_accounts(request, account, contact, user):
    actor = request.getfixturevalue(user)
    with pytest.raises(PermissionDenied):
        services.create_account(actor=actor, name="Mine")
    with pytest.raises(PermissionDenied):
        services.update_account(account, actor, mrr=1)
    with pytest.raises(PermissionDenied):
        services.create_contact(actor=actor, email="new@acme.test")
    with pytest.raises(PermissionDenied):
        services.update_contact(contact, actor, name="X")
    with pytest.raises(PermissionDenied):
        services.contact_for_email("new@acme.test", actor=actor)


def test_it_updates_an_account_and_replaces_its_domains(agent, account):
    services.update_account(account, agent, tier="pro", strategic=True, domains=["acme.io"])
    account.refresh_from_db()
    assert account.tier == "pro"
    assert account.strategic is True
    assert list(account.domains.values_list("domain", flat=True)) == ["acme.io"]


def test_it_leaves_contacts_in_place_when_domains_change(agent, account, contact):
    services.update_account(account, agent, domains=[])
    contact.refresh_from_db()
    assert contact.account == account


def test_it_refuses_fields_it_does_not_know(agent, account):
    with pytest.raises(ValidationError) as excinfo:
        services.update_account(account, agent, created_at=None)
    assert errors_of(excinfo) == {"created_at"}


def test_it_writes_nothing_when_an_update_is_refused(agent, account):
    with pytest.raises(ValidationError):
        services.update_account(account, agent, mrr=-3, domains=["new.test"])
    account.refresh_from_db()
    assert account.mrr == 16000
    assert not AccountDomain.objects.filter(domain="new.test").exists()


def test_it_creates_a_contact_in_the_account_of_its_domain(agent, account):
    contact = services.create_contact(actor=agent, email=" Dana@ACME.Test ", name="Dana")
    assert contact.email == "Dana@acme.test"
    assert contact.account == account


def test_it_creates_a_contact_without_account_when_told_so(agent, account):
    contact = services.create_contact(actor=agent, email="dana@acme.test", account=None)
    assert contact.account is None


def test_it_keeps_contact_emails_unique_in_any_case(agent, contact):
    with pytest.raises(ValidationError) as excinfo:
        services.create_contact(actor=agent, email="CARLA@acme.test")
    assert errors_of(excinfo) == {"email"}
    other = make_contact("Otto", "otto@acme.test")
    with pytest.raises(ValidationError):
        services.update_contact(other, agent, email="carla@ACME.TEST")
    # Changing the case of one's own address is fine.
    services.update_contact(contact, agent, email="Carla@acme.test")
    assert Contact.objects.get(pk=contact.pk).email == "Carla@acme.test"


@pytest.mark.parametrize(
    "fields, field",
    [({"email": "nope"}, "email"), ({"email": "a@b.test", "skill": "expert"}, "skill")],
)
def test_it_refuses_invalid_contacts(agent, fields, field):
    with pytest.raises(ValidationError) as excinfo:
        services.create_contact(actor=agent, **fields)
    assert field in errors_of(excinfo)


def test_it_finds_or_creates_the_contact_of_an_address(agent, account, contact):
    assert services.contact_for_email("CARLA@Acme.test", actor=agent) == contact
    new = services.contact_for_email("ben@acme.test", actor=agent, name="Ben")
    assert (new.name, new.account) == ("Ben", account)
    stranger = services.contact_for_email("x@elsewhere.test", actor=agent)
    assert stranger.account is None


def test_it_records_senders_without_an_actor(account):
    # Mail intake has no staff user: the system records who wrote.
    contact = services.contact_for_email("mail@acme.test", actor=None)
    assert contact.account == account


def test_it_finds_the_account_of_an_address(account):
    assert services.account_for_email("someone@ACME.TEST") == account
    assert services.account_for_email("someone@sub.acme.test") is None
    assert services.account_for_email("not-an-address") is None


LABEL = st.from_regex(r"[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?", fullmatch=True)
DOMAIN = st.builds(
    lambda parts, tld: ".".join([*parts, tld]),
    st.lists(LABEL, min_size=1, max_size=3),
    st.sampled_from(["test", "com", "io"]),
)


@given(st.lists(st.tuples(DOMAIN, st.booleans(), st.booleans()), max_size=6))
def test_normalize_domains_is_idempotent_and_case_blind(entries):
    raw = [("@" if at else "") + (d.upper() if upper else d) for d, at, upper in entries]
    normalized = services.normalize_domains(raw)
    assert normalized == services.normalize_domains(normalized)
    assert normalized == sorted({d for d, _, _ in entries})
