"""Feedback test people and accounts: Lucia leads, Alba is support, Sam sells to Ownco (an
Enterprise account), Otherco is someone else's."""

from __future__ import annotations

import pytest

from sunrelay.feedback import services
from tests.factories import make_account, make_contact, make_staff


@pytest.fixture
def people(db):
    return {
        "lucia": make_staff("lucia", ["lead"]),
        "alba": make_staff("alba", ["support"]),
        "sam": make_staff("sam", ["sales"]),
    }


@pytest.fixture
def accounts(people):
    return {
        "own": make_account("Ownco Maps", tier="enterprise", mrr=30000, ae=people["sam"]),
        "other": make_account("Otherco", tier="pro", mrr=2000),
        "small": make_account("Smallco", tier="basic", mrr=500),
    }


@pytest.fixture
def contacts(accounts):
    return {
        "ana": make_contact("Ana", "ana@ownco.test", accounts["own"]),
        "olaf": make_contact("Olaf", "olaf@otherco.test", accounts["other"]),
        "sue": make_contact("Sue", "sue@smallco.test", accounts["small"]),
    }


@pytest.fixture
def theme(people):
    return services.create_theme(people["alba"], name="Offline maps")
