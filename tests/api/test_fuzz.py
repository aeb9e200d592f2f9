"""Schemathesis over every operation of the API with a lead's token: no server error, and
every answer as the OpenAPI document says (status, content type, headers, body), including
for input the document says is wrong (which must be refused).

A short run for every `make test`; `make soak` runs the same checks longer against a real
server (bench/soak_api.py). SUNRELAY_FUZZ_EXAMPLES sets the cases per operation.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi import checks as st_checks

from sunrelay.api.tokens import create_token
from sunrelay.wsgi import application
from tests.factories import make_account, make_contact, make_ticket

EXAMPLES = int(os.environ.get("SUNRELAY_FUZZ_EXAMPLES", "8"))

# The document's promises. Left out: positive_data_acceptance, because business rules
# (an empty subject, paging without a reason, a week that has not begun) refuse some input
# the schema cannot describe, with a documented 422.
CHECKS = [
    not_a_server_error,
    st_checks.status_code_conformance,
    st_checks.content_type_conformance,
    st_checks.response_headers_conformance,
    st_checks.response_schema_conformance,
    st_checks.negative_data_rejection,
    st_checks.ignored_auth,
]

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def in_the_test_transaction():
    """Schemathesis calls the WSGI application itself, which closes the database connection
    after each request as a server must; on PostgreSQL that would end the test's transaction.
    Django's own test client keeps it open the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def lead_token(lead, agent, settings, in_the_test_transaction):
    # Guessed tokens are part of the run (ignored_auth): the throttle is tested elsewhere.
    settings.AXES_FAILURE_LIMIT = 1_000_000
    account = make_account("Fuzz Maps", tier="enterprise", ae=None, domains=["fuzz.test"])
    make_ticket(make_contact("Fia", "fia@fuzz.test", account=account), assignee=agent)
    return create_token(lead, "fuzz")[1]


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_the_api_keeps_its_document(case, lead_token):
    case.call_and_validate(headers={"Authorization": f"Bearer {lead_token}"}, checks=CHECKS)
