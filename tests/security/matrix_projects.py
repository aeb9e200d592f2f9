"""The role matrix (matrix.py) for projects and hours (docs/projects.md, projects/access.py):
everyone who works tickets reads every project and entry and logs their own time, sales read
their accounts' projects and entries only; the lead orders the week, sets budgets and signs
off; hours reports are for the people who work tickets."""

from __future__ import annotations

from tests.security.rules import (
    API_LIST,
    API_OBJECT,
    API_WORK,
    DENIED,
    LEADS,
    MISSING,
    OWN,
    STAFF,
    WORKERS,
    Case,
    api,
    but,
    days,
    rule,
    web,
)

OWN_P, OTHER_P = {"pk": "project:own"}, {"pk": "project:other"}
OWN_T, OTHER_T = {"pk": "ticket:own"}, {"pk": "ticket:other"}
OTHERS_404 = but(STAFF, sales=MISSING)
WORK_404 = but(WORKERS, sales=MISSING)
TIME = {"day": days(0), "minutes": "20", "note": "Tile cache"}
PROJECT = {
    "name": "Fleet samples",
    "objectives": "Three samples.",
    "impact": "3",
    "effort": "small",
    "owner": "user:support",
    "status": "proposed",
}

WEB: list[Case] = [
    web("projects:list", rules=but(STAFF, sales=OWN)),
    web("projects:new", rules=WORKERS),
    web("projects:new", "POST", rules=WORKERS, data=PROJECT),
    web("projects:board", rules=but(STAFF, sales=OWN)),
    web("projects:board", "POST", rules=LEADS, data={"week": days(0)}),
    web("projects:hours", rules=WORKERS),
    web("projects:hours_csv", rules=WORKERS),
    web("projects:account_budget", "POST", rules=LEADS, data={"hours": "10"}),
    web("projects:project", args=OWN_P),
    web("projects:project", args=OTHER_P, rules=OTHERS_404),
    web("projects:edit", args=OWN_P, rules=WORKERS),
    web("projects:edit", args=OTHER_P, rules=WORK_404),
    web("projects:edit", "POST", OWN_P, WORKERS, data=PROJECT),
    web("projects:log_time", "POST", OWN_P, WORKERS, data=TIME),
    web("projects:log_time", "POST", OTHER_P, WORK_404, data=TIME),
    web("projects:sprint", "POST", OWN_P, WORKERS, data={"starts_on": days(0), "weeks": "1"}),
    web("projects:sign_off", "POST", OWN_P, LEADS),
    web("projects:sign_off", "POST", OTHER_P, but(LEADS, sales=MISSING)),
    web("projects:budget", "POST", OWN_P, LEADS, data={"hours": "40"}),
    web("projects_ticket:panel", args=OWN_T),
    web("projects_ticket:panel", args=OTHER_T, rules=OTHERS_404),
    web("projects_ticket:quick", "POST", OWN_T, WORKERS),
    web("projects_ticket:quick", "POST", OTHER_T, WORK_404),
    web("projects_ticket:timer", "POST", OWN_T, WORKERS),
    web("projects_ticket:timer", "POST", OTHER_T, WORK_404),
    web("projects_ticket:log", "POST", OWN_T, WORKERS, data=TIME),
    web("projects_ticket:log", "POST", OTHER_T, WORK_404, data=TIME),
]

OWN_ID, OTHER_ID = {"project_id": "project:own"}, {"project_id": "project:other"}
OWN_E, OTHER_E = {"entry_id": "time_entry:own"}, {"entry_id": "time_entry:other"}
API_OTHERS_404 = but(API_OBJECT, sales=MISSING)
API_LEADS = rule(no_role=DENIED, sales=DENIED, support=DENIED, engineering=DENIED)
# A lead's write on a project: 404 to whom it is not shown, then 403 to all but the leads.
PROJECT_LEADS = but(API_LEADS, no_role=MISSING)
# Support logged the world's entries: they and the leads may delete them, nobody else.
DELETES = rule(no_role=MISSING, sales=DENIED, engineering=DENIED)

API: list[Case] = [
    api("GET /projects", rules=API_LIST),
    api(
        "POST /projects",
        rules=but(API_WORK, no_role=DENIED),
        data={"name": "Fleet samples", "objectives": "Three samples.", "impact": 3},
    ),
    api("GET /projects/{project_id}", OWN_ID),
    api("GET /projects/{project_id}", OTHER_ID, API_OTHERS_404),
    api("PATCH /projects/{project_id}", OWN_ID, API_WORK, data={"review_notes": "On track."}),
    api(
        "PATCH /projects/{project_id}",
        OTHER_ID,
        but(API_WORK, sales=MISSING),
        data={"ticket_ids": ["ticket:other"]},
    ),
    api("POST /projects/{project_id}/sign-off", OWN_ID, PROJECT_LEADS),
    api("POST /projects/{project_id}/sign-off", OTHER_ID, but(PROJECT_LEADS, sales=MISSING)),
    api("PUT /projects/{project_id}/budget", OWN_ID, PROJECT_LEADS, data={"minutes": 2400}),
    api(
        "PUT /projects/{project_id}/budget",
        OTHER_ID,
        but(PROJECT_LEADS, sales=MISSING),
        data={"minutes": 2400},
    ),
    api("GET /projects/week-order", rules=API_LIST),
    api("PUT /projects/week-order", rules=API_LEADS, data={"week": days(0), "project_ids": []}),
    api("GET /account-budgets", rules=rule(no_role=DENIED, sales=DENIED)),
    api(
        "PUT /account-budgets/{account_id}",
        {"account_id": "account:own"},
        API_LEADS,
        data={"monthly_minutes": 600},
    ),
    api(
        "POST /projects/{project_id}/sprints",
        OWN_ID,
        API_WORK,
        data={"starts_on": days(0), "weeks": 1, "goal": "Warm the cache"},
    ),
    api("GET /time-entries", rules=API_LIST),
    api(
        "POST /time-entries",
        rules=but(API_WORK, no_role=DENIED),
        data={"day": days(0), "minutes": 15, "ticket_id": "ticket:own"},
    ),
    api("GET /time-entries/totals", rules=rule(no_role=DENIED, sales=DENIED)),
    api("GET /time-entries/{entry_id}", OWN_E),
    api("GET /time-entries/{entry_id}", OTHER_E, API_OTHERS_404),
    api("DELETE /time-entries/{entry_id}", OWN_E, DELETES),
    api("DELETE /time-entries/{entry_id}", OTHER_E, but(DELETES, sales=MISSING)),
]
