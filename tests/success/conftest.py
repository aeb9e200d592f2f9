"""People of customer engineering tests: a customer engineer besides the standard ones."""

from __future__ import annotations

import pytest

from tests.factories import make_staff


@pytest.fixture
def engineer(db):
    return make_staff("ines", roles=["customer_engineer"], time_zone="Europe/Madrid")
