"""The role matrix (matrix.py) for the leadership report's drill-down lists and targets
(docs/metrics.md): whoever reads the reports (not sales) opens a figure's list and the
targets; leads set and remove targets."""

from __future__ import annotations

from tests.security.rules import API_STAFF, DENIED, LEADS, WORKERS, Case, api, but, rule, web

TARGET = {"key": "answered", "value": "95"}
TARGET_JSON = {"key": "answered", "tier": "enterprise", "value": 0.95}
# Leads only; the others are refused before anything is looked up (403, not 404).
API_LEADS = rule(no_role=DENIED, sales=DENIED, support=DENIED, engineering=DENIED)

WEB: list[Case] = [
    web("reports:leadership_figure", args={"key": "value:breaches"}, rules=WORKERS),
    web("reports:leadership_targets", rules=WORKERS),
    web("reports:leadership_targets", "POST", rules=LEADS, data=TARGET),
]

API: list[Case] = [
    api("GET /reports/targets", rules=but(API_STAFF, sales=DENIED)),
    api("PUT /reports/targets", rules=API_LEADS, data=TARGET_JSON),
    api("DELETE /reports/targets/{target_id}", {"target_id": "report_target:own"}, API_LEADS),
]
