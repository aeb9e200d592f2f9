"""The role matrix (matrix.py) for customer health (docs/health.md, health/access.py): people
who work tickets read every account's health, sales their accounts'; people who work tickets
send telemetry and score; an alert's task is closed by the account's CE or a lead (the
world's accounts have no CE); leads set up scorecards, measures and rules on the desk's pages
and in the admin."""

from __future__ import annotations

from tests.security.rules import (
    API_OBJECT,
    API_STAFF,
    DENIED,
    LEADS,
    LEADS_ADMIN,
    MISSING,
    OWN,
    STAFF,
    WORKERS,
    AdminModel,
    Case,
    admin_model_cases,
    api,
    at,
    but,
    rule,
    web,
)

OWN_ACCOUNT, OTHER_ACCOUNT = {"pk": "account:own"}, {"pk": "account:other"}
OWN_ALERT, OTHER_ALERT = {"pk": "health_alert:own"}, {"pk": "health_alert:other"}
CARD, MEASURE, RULE = {"pk": "scorecard"}, {"pk": "health_measure"}, {"pk": "alert_rule"}

WEB: list[Case] = [
    web("health:at_risk", rules=but(STAFF, sales=OWN)),
    web("health:account", args=OWN_ACCOUNT),
    web("health:account", args=OTHER_ACCOUNT, rules=but(STAFF, sales=MISSING)),
    web("health:rescore", "POST", OWN_ACCOUNT, WORKERS),
    web("health:rescore", "POST", OTHER_ACCOUNT, but(WORKERS, sales=MISSING)),
    web("health:alert_done", "POST", OWN_ALERT, LEADS),
    web("health:alert_done", "POST", OTHER_ALERT, but(LEADS, sales=MISSING)),
    web("health:scorecards"),
    web("health:import", rules=WORKERS),
    # Without a file: refused on the form, in words (a 422: "yes").
    web("health:import", "POST", rules=WORKERS, data={}),
    # Set-up: leads only; an empty form is refused in words (a 422: "yes").
    web("health:scorecard_new", rules=LEADS),
    web("health:scorecard_new", "POST", rules=LEADS, data={}),
    web("health:scorecard", args=CARD, rules=LEADS),
    web("health:scorecard", "POST", CARD, LEADS, data={}),
    web("health:measure_new", args={"card_pk": "scorecard"}, rules=LEADS),
    web("health:measure_new", "POST", {"card_pk": "scorecard"}, LEADS, data={}),
    web("health:measure", args=MEASURE, rules=LEADS),
    web("health:measure", "POST", MEASURE, LEADS, data={}),
    web("health:measure_remove", "POST", MEASURE, LEADS),
    web("health:rule_new", rules=LEADS),
    web("health:rule_new", "POST", rules=LEADS, data={}),
    web("health:rule", args=RULE, rules=LEADS),
    web("health:rule", "POST", RULE, LEADS, data={}),
]

OWN_A, OTHER_A = {"account_id": "account:own"}, {"account_id": "account:other"}
READING = {"key": "matrix-1", "account_id": 999999, "metric": "api_calls", "value": 1}

API: list[Case] = [
    api("GET /accounts/{account_id}/health", OWN_A),
    api("GET /accounts/{account_id}/health", OTHER_A, but(API_OBJECT, sales=MISSING)),
    api("GET /health/scorecards", rules=API_STAFF),
    # An account nobody has: reported as rejected in a 200 to those who may send.
    api(
        "POST /telemetry",
        rules=rule(no_role=DENIED, sales=DENIED),
        data={"readings": [READING | {"at": at(0)}]},
    ),
]

ADMIN: list[Case] = [
    *admin_model_cases(
        AdminModel("health_scorecard", "scorecard:", LEADS_ADMIN, LEADS_ADMIN, LEADS_ADMIN)
    ),
    *admin_model_cases(
        AdminModel("health_alertrule", "alert_rule:", LEADS_ADMIN, LEADS_ADMIN, LEADS_ADMIN)
    ),
]
