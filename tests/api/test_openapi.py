from __future__ import annotations

from django.test import Client

EXPECTED_PATHS = {
    "/api/v1/tickets": {"get", "post"},
    "/api/v1/tickets/{ticket_id}": {"get", "patch"},
    "/api/v1/tickets/bulk": {"post"},
    "/api/v1/tickets/{ticket_id}/messages": {"get", "post"},
    "/api/v1/tickets/{ticket_id}/events": {"get"},
    "/api/v1/attachments/{attachment_id}": {"get"},
    "/api/v1/accounts": {"get", "post"},
    "/api/v1/accounts/{account_id}": {"get", "patch"},
    "/api/v1/contacts": {"get", "post"},
    "/api/v1/contacts/{contact_id}": {"get", "patch"},
    "/api/v1/staff": {"get"},
    "/api/v1/staff/{user_id}": {"get"},
    "/api/v1/schedule/on-shift": {"get"},
    "/api/v1/schedule/handoffs": {"get"},
    "/api/v1/schedule/coverage": {"get"},
    "/api/v1/team/time-off": {"get", "post"},
    "/api/v1/team/time-off/{time_off_id}": {"delete"},
    "/api/v1/team/time-off/{time_off_id}/tell-customers": {"post"},
    "/api/v1/sla/policies": {"get"},
    "/api/v1/sla/calendars": {"get"},
    "/api/v1/rotations": {"get"},
    "/api/v1/rotations/{rotation_id}": {"get"},
    "/api/v1/rotations/{rotation_id}/shifts": {"get"},
    "/api/v1/rotations/{rotation_id}/oncall": {"get"},
    "/api/v1/rotations/{rotation_id}/overrides": {"get", "post"},
    "/api/v1/rotations/{rotation_id}/overrides/{override_id}": {"delete"},
    "/api/v1/escalation-policies": {"get"},
    "/api/v1/escalation-policies/{policy_id}": {"get"},
    "/api/v1/tickets/{ticket_id}/page": {"post"},
    "/api/v1/tickets/{ticket_id}/acknowledge": {"post"},
    "/api/v1/tickets/{ticket_id}/escalate": {"post"},
    "/api/v1/tickets/{ticket_id}/hand-off": {"post"},
    "/api/v1/tickets/{ticket_id}/take-back": {"post"},
    "/api/v1/tickets/{ticket_id}/paging-runs": {"get"},
    "/api/v1/paging-runs/{run_id}": {"get"},
    "/api/v1/reports/weekly": {"get"},
    "/api/v1/search": {"get"},
    "/api/v1/articles": {"get", "post"},
    "/api/v1/articles/{article_id}": {"get", "patch"},
    "/api/v1/articles/{article_id}/versions": {"get"},
    "/api/v1/macros": {"get", "post"},
    "/api/v1/macros/{macro_id}": {"get", "patch", "delete"},
    "/api/v1/macros/{macro_id}/apply": {"post"},
    "/api/v1/reports/weekly/csv/{table}": {"get"},
    "/api/v1/views": {"get", "post"},
    "/api/v1/views/{view_id}": {"patch", "delete"},
}


def test_it_serves_the_openapi_document_without_login(db):
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["info"]["title"] == "Sunrelay API"
    assert document["info"]["version"] == "1"
    paths = {path: set(ops) for path, ops in document["paths"].items()}
    assert paths == EXPECTED_PATHS
    assert set(document["components"]["securitySchemes"]) == {"TokenAuth", "BrowserSession"}


def test_it_documents_enum_values(db):
    schemas = Client().get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert schemas["Status"]["enum"] == ["new", "open", "pending", "on_hold", "solved", "closed"]
    assert "cause" in schemas["TicketPatch"]["properties"]


def test_it_serves_the_docs_page_with_bundled_assets(db):
    response = Client().get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/api/v1/openapi.json" in html
    assert "cdn." not in html  # works without internet access
