"""Projects test people and a project: Sam sells to Ownco, Alba is support, Carla a customer
engineer, Lucia leads; the project links Ownco and one of its tickets."""

from __future__ import annotations

from datetime import date

import pytest

from sunrelay.projects import services
from tests.factories import make_account, make_contact, make_staff, make_ticket

MONDAY = date(2025, 3, 3)


@pytest.fixture
def people(db):
    return {
        "sam": make_staff("sam", ["sales"]),
        "alba": make_staff("alba", ["support"]),
        "carla": make_staff("carla", ["customer_engineer"]),
        "lucia": make_staff("lucia", ["lead"]),
    }


@pytest.fixture
def ownco(people):
    return make_account("Ownco Maps", tier="enterprise", mrr=9000, ae=people["sam"])


@pytest.fixture
def otherco(people):
    return make_account("Otherco", tier="pro", mrr=1000)


@pytest.fixture
def ticket(ownco):
    return make_ticket(make_contact("Olivia", "olivia@ownco.test", account=ownco))


@pytest.fixture
def project(people, ownco, ticket):
    return services.create_project(
        people["carla"],
        owner=people["carla"],
        leads=[people["alba"]],
        accounts=[ownco],
        tickets=[ticket],
        name="Tile cache warm-up",
        objectives="Tiles load in under 200 ms after a deploy.",
        impact=3,
    )
