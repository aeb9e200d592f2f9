"""An account's domains file strangers' mail under it: public mail services and public
suffixes (the Public Suffix List) are refused wherever a domain is set."""

from __future__ import annotations

import socket

import pytest
from django.core.exceptions import ValidationError

from sunrelay.accounts import domains, services
from sunrelay.accounts.models import AccountDomain


@pytest.mark.parametrize(
    "domain, words",
    [
        ("gmail.com", "public mail service"),
        ("GMail.com", "public mail service"),
        ("eu.gmail.com", "public mail service"),
        ("outlook.com", "public mail service"),
        ("com", "not a domain name"),
        ("co.uk", "public suffix"),
        ("com.au", "public suffix"),
        ("github.io", "public suffix"),
        ("test", "not a domain name"),
        ("blogspot.com", "public suffix"),
    ],
)
def test_public_domains_are_refused_for_new_accounts(agent, domain, words):
    with pytest.raises(ValidationError) as refused:
        services.create_account(actor=agent, name="Strangers", domains=[domain])
    [message] = refused.value.message_dict["domains"]
    assert words in message and domain.lower() in message
    assert not AccountDomain.objects.exists()


@pytest.mark.parametrize("domain", ["acme.co.uk", "acme.github.io", "acme.com.au", "acme.test"])
def test_an_organisations_own_domain_under_a_public_suffix_is_fine(agent, domain):
    account = services.create_account(actor=agent, name="Acme UK", domains=[domain])
    assert list(account.domains.values_list("domain", flat=True)) == [domain]


def test_a_change_to_a_public_domain_is_refused_and_changes_nothing(agent, account):
    with pytest.raises(ValidationError) as refused:
        services.update_account(account, agent, domains=["acme.test", "co.uk"])
    assert "co.uk is a public suffix" in refused.value.message_dict["domains"][0]
    assert list(account.domains.values_list("domain", flat=True)) == ["acme.test"]


def test_contacts_are_not_placed_by_a_public_suffix(agent, account):
    with pytest.raises(ValidationError, match="public suffix"):
        services.move_contacts_to_account(agent, account, domain="co.uk")
    assert list(account.domains.values_list("domain", flat=True)) == ["acme.test"]


def test_the_public_suffix_list_is_read_from_the_package_never_the_network(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the Public Suffix List must not be downloaded")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    domains.suffix_list.cache_clear()
    assert domains.refusal("co.uk") is not None
    assert domains.refusal("acme.co.uk") is None
