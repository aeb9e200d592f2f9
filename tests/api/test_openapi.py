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
    "/api/v1/reports/presales": {"get"},
    "/api/v1/reports/period": {"get"},
    "/api/v1/reports/targets": {"get", "put"},
    "/api/v1/reports/targets/{target_id}": {"delete"},
    "/api/v1/articles/deflection": {"get"},
    "/api/v1/portal/me": {"get"},
    "/api/v1/portal/tickets": {"get", "post"},
    "/api/v1/portal/tickets/{ticket_id}": {"get"},
    "/api/v1/portal/tickets/{ticket_id}/messages": {"get", "post"},
    "/api/v1/portal/tickets/{ticket_id}/rating": {"get", "put"},
    "/api/v1/csat": {"get"},
    "/api/v1/csat/summary": {"get"},
    "/api/v1/portal/attachments/{attachment_id}": {"get"},
    "/api/v1/tickets/{ticket_id}/merge": {"post"},
    "/api/v1/tickets/{ticket_id}/split": {"post"},
    "/api/v1/views": {"get", "post"},
    "/api/v1/views/{view_id}": {"patch", "delete"},
    "/api/v1/notifications": {"get"},
    "/api/v1/notifications/unread-count": {"get"},
    "/api/v1/notifications/read-all": {"post"},
    "/api/v1/notifications/preferences": {"get", "put"},
    "/api/v1/notifications/{notification_id}/read": {"post"},
    # Projects, sprints and hours (docs/projects.md).
    "/api/v1/projects": {"get", "post"},
    "/api/v1/projects/week-order": {"get", "put"},
    "/api/v1/projects/{project_id}": {"get", "patch"},
    "/api/v1/projects/{project_id}/sprints": {"post"},
    "/api/v1/projects/{project_id}/sign-off": {"post"},
    "/api/v1/projects/{project_id}/budget": {"put"},
    "/api/v1/account-budgets": {"get"},
    "/api/v1/account-budgets/{account_id}": {"put"},
    "/api/v1/time-entries": {"get", "post"},
    "/api/v1/time-entries/totals": {"get"},
    "/api/v1/time-entries/{entry_id}": {"get", "delete"},
    # Pre-sales (docs/presales.md).
    "/api/v1/opportunities": {"get", "post"},
    "/api/v1/opportunities/import": {"post"},
    "/api/v1/se-capacity": {"get"},
    "/api/v1/opportunities/{opportunity_id}": {"get", "patch"},
    "/api/v1/opportunities/{opportunity_id}/confirmations": {"post"},
    "/api/v1/opportunities/{opportunity_id}/confirmations/{item}": {"delete"},
    "/api/v1/opportunities/{opportunity_id}/assignment": {"post"},
    "/api/v1/opportunities/{opportunity_id}/engagements": {"get", "post"},
    "/api/v1/opportunities/{opportunity_id}/technical-result": {"post"},
    "/api/v1/opportunities/{opportunity_id}/outcome": {"post"},
    "/api/v1/se-requests": {"get", "post"},
    "/api/v1/se-requests/{request_id}": {"get"},
    "/api/v1/engagements/{engagement_id}/feedback": {"post"},
    # Customer engineering (docs/success.md).
    "/api/v1/account-teams": {"get"},
    "/api/v1/account-teams/capacity": {"get"},
    "/api/v1/account-teams/{account_id}": {"put"},
    "/api/v1/account-teams/{account_id}/history": {"get"},
    "/api/v1/account-teams/{account_id}/cadence": {"get", "put"},
    "/api/v1/account-teams/{account_id}/touches": {"get", "post"},
    "/api/v1/rituals/{ritual}/agenda": {"get"},
    "/api/v1/rituals/{ritual}/notes": {"get"},
    "/api/v1/rituals/{ritual}/notes/{held_on}": {"put"},
    "/api/v1/support-requests": {"get", "post"},
    "/api/v1/support-requests/{request_id}": {"get", "patch"},
    "/api/v1/tickets/{ticket_id}/context": {"get", "post"},
    # Product feedback (docs/feedback.md).
    "/api/v1/feedback": {"get", "post"},
    "/api/v1/feedback/{item_id}": {"get"},
    "/api/v1/feedback/{item_id}/theme": {"post"},
    "/api/v1/themes": {"get", "post"},
    "/api/v1/themes/{theme_id}": {"get"},
    "/api/v1/themes/suggestions": {"get"},
    "/api/v1/themes/suggestions/refresh": {"post"},
    "/api/v1/themes/suggestions/{suggestion_id}/accept": {"post"},
    "/api/v1/themes/suggestions/{suggestion_id}/reject": {"post"},
    "/api/v1/themes/{theme_id}/status": {"post"},
    "/api/v1/themes/{theme_id}/notice": {"get"},
    "/api/v1/themes/{theme_id}/notice/send": {"post"},
    # Customer health (docs/health.md).
    "/api/v1/accounts/{account_id}/health": {"get"},
    "/api/v1/health/scorecards": {"get"},
    "/api/v1/telemetry": {"post"},
    # Outgoing webhooks (docs/integrations.md).
    "/api/v1/webhooks": {"get", "post"},
    "/api/v1/webhooks/{webhook_id}": {"get", "patch", "delete"},
    "/api/v1/webhooks/{webhook_id}/deliveries": {"get"},
    "/api/v1/webhooks/{webhook_id}/deliveries/{delivery_id}/send-again": {"post"},
    # Typed links to log searches, error trackers and dashboards (docs/integrations.md).
    "/api/v1/tickets/{ticket_id}/links": {"get", "post"},
    "/api/v1/tickets/{ticket_id}/links/{link_id}": {"delete"},
    "/api/v1/link-patterns": {"get", "post"},
    "/api/v1/link-patterns/{pattern_id}": {"delete"},
    # Moving in: import runs (docs/migrating.md).
    "/api/v1/imports": {"get"},
    "/api/v1/imports/{run_id}": {"get"},
    # Slack's shared channels (docs/slack.md).
    "/api/v1/slack/channels": {"get", "post"},
    "/api/v1/slack/channels/{mapping_id}": {"delete"},
}


def test_it_serves_the_openapi_document_without_login(db):
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["info"]["title"] == "Sunrelay API"
    assert document["info"]["version"] == "1"
    paths = {path: set(ops) for path, ops in document["paths"].items()}
    assert paths == EXPECTED_PATHS
    assert set(document["components"]["securitySchemes"]) == {
        "TokenAuth",
        "BrowserSession",
        "ContactTokenAuth",
    }
    # The contacts' endpoints take a contact's token only; every other one, staff credentials.
    for path, operations in document["paths"].items():
        for operation in operations.values():
            schemes = {name for entry in operation["security"] for name in entry}
            portal = path.startswith("/api/v1/portal/")
            assert schemes == ({"ContactTokenAuth"} if portal else {"TokenAuth", "BrowserSession"})


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


# The document tells clients the truth (fault 11).


def document() -> dict:
    return Client().get("/api/v1/openapi.json").json()


def schema_classes() -> dict[str, set[type]]:
    """Every schema class the operations read or answer with, by its component name."""
    import enum
    import typing

    from pydantic import BaseModel

    from sunrelay.api.v1 import api

    found: dict[str, set[type]] = {}
    seen: set[type] = set()

    def walk(annotation) -> None:
        for argument in typing.get_args(annotation):
            walk(argument)
        if not isinstance(annotation, type):
            return
        # ninja's own wrappers (module "abc") never become components; their fields do.
        named = annotation.__module__ != "abc"
        if issubclass(annotation, enum.Enum):
            found.setdefault(annotation.__name__, set()).add(annotation)
        elif issubclass(annotation, BaseModel) and annotation not in seen:
            seen.add(annotation)
            if named:
                found.setdefault(annotation.__name__, set()).add(annotation)
            for field in annotation.model_fields.values():
                walk(field.annotation)

    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                for model in [*(operation.response_models or {}).values(), *operation.models]:
                    walk(model)
    return found


def test_each_component_name_belongs_to_one_schema(db):
    shared = {
        name: sorted(c.__module__ for c in classes)
        for name, classes in schema_classes().items()
        if len(classes) > 1
    }
    assert shared == {}


def test_sla_policies_and_coverage_point_at_their_own_schemas(db):
    paths = document()["paths"]

    def answer(path: str) -> str:
        schema = paths[path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        return schema.get("$ref") or schema["items"]["$ref"]

    assert answer("/api/v1/sla/policies").endswith("/SlaPolicyOut")
    assert answer("/api/v1/escalation-policies/{policy_id}").endswith("/EscalationPolicyOut")
    assert answer("/api/v1/schedule/coverage").endswith("/CoverageWeekOut")
    time_off = document()["components"]["schemas"]["TimeOffOut"]["properties"]["coverage"]
    assert time_off["items"]["$ref"].endswith("/TimeOffCoverageOut")


def test_no_time_is_promised_with_an_offset_it_lacks(db):
    # format: time (RFC 3339) needs an offset; Sunrelay's times of day are local wall-clock.
    text = Client().get("/api/v1/openapi.json").content.decode()
    assert '"format": "time"' not in text
    schemas = document()["components"]["schemas"]
    start = schemas["IntervalOut"]["properties"]["start"]
    assert start["type"] == "string" and "pattern" in start


def test_every_operation_documents_its_errors(db):
    missing = []
    for path, operations in document()["paths"].items():
        for method, operation in operations.items():
            expected = {"401", "429"} if operation.get("security") else set()
            if operation.get("parameters") or operation.get("requestBody"):
                expected.add("422")
            if "{" in path:
                expected.add("404")
            if operation.get("requestBody"):
                expected.add("400")
            for code in sorted(expected - set(operation["responses"])):
                missing.append(f"{method.upper()} {path} {code}")
            for code, response in operation["responses"].items():
                if code >= "400":
                    assert "application/json" in response["content"], (path, code)
    assert missing == []


def test_times_sent_to_the_api_are_documented_as_text(db):
    parameters = document()["paths"]["/api/v1/schedule/on-shift"]["get"]["parameters"]
    [at] = [p for p in parameters if p["name"] == "at"]
    assert {"type": "string", "format": "date-time"} in at["schema"]["anyOf"]
