"""API test helpers: a JSON client per user, authenticated with a real token."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from sunrelay.api.tokens import create_token

BASE = "/api/v1"


class ApiClient:
    """Django's test client speaking JSON to /api/v1, with an optional bearer token."""

    def __init__(self, token: str | None = None) -> None:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.client = Client(headers=headers)

    def get(self, path: str, params: dict[str, Any] | None = None):
        return self.client.get(BASE + path, params or {})

    def post(self, path: str, data: Any = None):
        return self.client.post(BASE + path, data, content_type="application/json")

    def patch(self, path: str, data: Any = None):
        return self.client.patch(BASE + path, data, content_type="application/json")

    def delete(self, path: str):
        return self.client.delete(BASE + path)


@pytest.fixture
def api_as(db):
    """api_as(user) -> an ApiClient holding a fresh token of that user."""

    def build(user) -> ApiClient:
        _token, raw = create_token(user, "tests")
        return ApiClient(raw)

    return build


@pytest.fixture
def anonymous(db) -> ApiClient:
    return ApiClient()


@pytest.fixture
def as_agent(api_as, agent) -> ApiClient:
    return api_as(agent)


@pytest.fixture
def as_sales(api_as, sales) -> ApiClient:
    return api_as(sales)


@pytest.fixture
def as_outsider(api_as, outsider) -> ApiClient:
    return api_as(outsider)


def locs(response) -> list[list]:
    """The loc of every error in a 422 body."""
    return [item["loc"] for item in response.json()["detail"]]
