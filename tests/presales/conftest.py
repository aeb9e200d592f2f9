"""Pre-sales test people and an opportunity: Sam sells to Ownco, Sofia and Sergio are SEs,
Lucia leads, Alba is support."""

from __future__ import annotations

from datetime import date

import pytest

from sunrelay.presales import services
from sunrelay.presales.models import QualificationItem
from tests.factories import make_account, make_staff

TODAY = date(2026, 12, 7)  # a Monday


@pytest.fixture
def people(db):
    return {
        "sam": make_staff("sam", ["sales"]),
        "otto": make_staff("otto", ["sales"]),
        "sofia": make_staff("sofia", ["solutions"]),
        "sergio": make_staff("sergio", ["solutions"]),
        "lucia": make_staff("lucia", ["lead"]),
        "alba": make_staff("alba", ["support"]),
    }


@pytest.fixture
def account(people):
    return make_account("Ownco Maps", tier="enterprise", ae=people["sam"])


@pytest.fixture
def opportunity(people, account):
    return services.create_opportunity(
        people["sam"], account=account, name="Ownco routing", amount=48000, currency="eur"
    )


def qualify(opportunity, user) -> None:
    for key in QualificationItem.objects.filter(active=True).values_list("key", flat=True):
        services.confirm(user, opportunity, key)
