"""The role matrix (matrix.py) for pre-sales (docs/presales.md, presales/access.py): everyone who
works tickets reads every opportunity, sales their accounts'; sales, SEs and leads change them;
the lead (the SE lead) assigns; feedback comes from the opportunity's AE or SE only."""

from __future__ import annotations

from tests.security.rules import (
    API_LIST,
    API_OBJECT,
    API_STAFF,
    DENIED,
    LEADS,
    LEADS_ADMIN,
    MISSING,
    NOBODY,
    OWN,
    STAFF,
    WORKERS,
    AdminModel,
    Case,
    admin_model_cases,
    api,
    but,
    days,
    rule,
    web,
)

OWN_OPP = {"pk": "opportunity:own"}
OTHER_OPP = {"pk": "opportunity:other"}
OTHERS_404 = but(STAFF, sales=MISSING)
# Sales (on their own accounts), SEs and leads: support and engineering only read.
SELLERS = rule(support=DENIED, engineering=DENIED)
SELLERS_404 = but(SELLERS, sales=MISSING)
MANAGERS = rule(sales=DENIED, support=DENIED, engineering=DENIED)
LEADS_404 = but(LEADS, sales=MISSING)
OUTCOME = {"outcome": "won", "reason": "The proof of concept met every criterion."}
MEETING = {"kind": "meeting", "title": "Kick-off", "starts_on": days(1)}
EDIT = {"name": "Fleet", "stage": "proposal", "amount": "12000", "currency": "EUR"}
ITEM = {"pk": "qualification_item:"}
CRM_CSV = "Opportunity ID,Opportunity Name,Account Name\r\n006A,Fleet,Nobody Ltd\r\n"

WEB: list[Case] = [
    web("presales:list", rules=but(STAFF, sales=OWN)),
    web("presales:new", rules=SELLERS),
    web("presales:new", "POST", rules=SELLERS, data={"name": "Fleet", "stage": "discovery"}),
    web("presales:opportunity", args=OWN_OPP),
    web("presales:opportunity", args=OTHER_OPP, rules=OTHERS_404),
    web("presales:edit", args=OWN_OPP, rules=SELLERS),
    web("presales:edit", args=OTHER_OPP, rules=SELLERS_404),
    web("presales:edit", "POST", OWN_OPP, SELLERS, data=EDIT),
    web("presales:edit", "POST", OTHER_OPP, SELLERS_404, data=EDIT),
    web("presales:unconfirm", "POST", OWN_OPP, SELLERS, data={"item": "budget"}),
    web("presales:unconfirm", "POST", OTHER_OPP, SELLERS_404, data={"item": "budget"}),
    # The checklist: everyone with a role reads it; the lead sets it up.
    web("presales:crm_import", rules=SELLERS),
    web("presales:crm_import", "POST", rules=SELLERS, data={"mapping": "colour=Red"}),
    web("presales:checklist"),
    web("presales:checklist", "POST", rules=LEADS, data={"label": "Champion"}),
    web("presales:checklist_item", "POST", ITEM, LEADS, data={"label": "Money"}),
    web("presales:checklist_move", "POST", ITEM, LEADS, data={"direction": "down"}),
    web("presales:confirm", "POST", OWN_OPP, SELLERS, data={"item": "budget"}),
    web("presales:confirm", "POST", OTHER_OPP, SELLERS_404, data={"item": "budget"}),
    web("presales:request", args=OWN_OPP, rules=SELLERS),
    web("presales:request", args=OTHER_OPP, rules=SELLERS_404),
    web("presales:request", "POST", OWN_OPP, SELLERS, data={"context": "Fleet"}),
    web("presales:assign", args=OWN_OPP, rules=LEADS),
    web("presales:assign", args=OTHER_OPP, rules=LEADS_404),
    web("presales:assign", "POST", OWN_OPP, LEADS, data={"se": "user:support"}),
    web("presales:threshold", "POST", OWN_OPP, LEADS, data={"overload_threshold": "4"}),
    web("presales:engagement", "POST", OWN_OPP, SELLERS, data=MEETING),
    web("presales:engagement", "POST", OTHER_OPP, SELLERS_404, data=MEETING),
    web("presales:technical", "POST", OWN_OPP, MANAGERS, data={"result": "win", "reason": "Met"}),
    web("presales:close", "POST", OWN_OPP, SELLERS, data=OUTCOME),
    web("presales:close", "POST", OTHER_OPP, SELLERS_404, data=OUTCOME),
    # Feedback: the AE of Ownco's opportunity is sales; nobody else on it is its AE or SE.
    web(
        "presales:feedback",
        "POST",
        {"pk": "engagement:own"},
        rule(support=DENIED, engineering=DENIED, lead=DENIED, admin=DENIED),
        data={"worked": "Clear agenda."},
    ),
    web(
        "presales:feedback",
        "POST",
        {"pk": "engagement:other"},
        rule(sales=MISSING, support=DENIED, engineering=DENIED, lead=DENIED, admin=DENIED),
        data={"worked": "Clear agenda."},
    ),
    # The figures are a report: for those who work tickets and their leads (sales get 403).
    web("reports:presales", rules=WORKERS),
    web("presales:account_panel", args={"pk": "account:own"}),
    web("presales:account_panel", args={"pk": "account:other"}, rules=OTHERS_404),
]

OWN_ID = {"opportunity_id": "opportunity:own"}
OTHER_ID = {"opportunity_id": "opportunity:other"}
API_SELLERS = rule(no_role=MISSING, support=DENIED, engineering=DENIED)
API_SELLERS_404 = but(API_SELLERS, sales=MISSING)
API_MANAGERS = rule(no_role=MISSING, sales=DENIED, support=DENIED, engineering=DENIED)
API_OTHERS_404 = but(API_OBJECT, sales=MISSING)
FEEDBACK = {"worked": "Clear agenda."}
NOT_THEIRS = {"support": DENIED, "engineering": DENIED, "lead": DENIED, "admin": DENIED}

API: list[Case] = [
    api("GET /opportunities", rules=API_LIST),
    # An account nobody may see: refused in words (422) to those who may open opportunities.
    api(
        "POST /opportunities",
        rules=rule(no_role=DENIED, support=DENIED, engineering=DENIED),
        data={"account_id": 999999, "name": "Fleet"},
    ),
    # An account nobody has: its row is rejected, nothing written (a dry run).
    api(
        "POST /opportunities/import",
        rules=rule(no_role=DENIED, support=DENIED, engineering=DENIED),
        data={"csv": CRM_CSV, "dry_run": True},
    ),
    api("GET /opportunities/{opportunity_id}", OWN_ID),
    api("GET /opportunities/{opportunity_id}", OTHER_ID, API_OTHERS_404),
    api("PATCH /opportunities/{opportunity_id}", OWN_ID, API_SELLERS, data={"amount": 5000}),
    api("PATCH /opportunities/{opportunity_id}", OTHER_ID, API_SELLERS_404, data={"amount": 5000}),
    api(
        "DELETE /opportunities/{opportunity_id}/confirmations/{item}",
        OWN_ID | {"item": "value:budget"},
        API_SELLERS,
    ),
    api(
        "DELETE /opportunities/{opportunity_id}/confirmations/{item}",
        OTHER_ID | {"item": "value:budget"},
        API_SELLERS_404,
    ),
    api(
        "POST /opportunities/{opportunity_id}/confirmations",
        OWN_ID,
        API_SELLERS,
        data={"item": "need"},
    ),
    api(
        "POST /opportunities/{opportunity_id}/confirmations",
        OTHER_ID,
        API_SELLERS_404,
        data={"item": "need"},
    ),
    api(
        "POST /opportunities/{opportunity_id}/assignment",
        OWN_ID,
        rule(no_role=MISSING, sales=DENIED, support=DENIED, engineering=DENIED),
        data={"se_id": "user:support"},
    ),
    api("GET /opportunities/{opportunity_id}/engagements", OWN_ID),
    api("GET /opportunities/{opportunity_id}/engagements", OTHER_ID, API_OTHERS_404),
    api("POST /opportunities/{opportunity_id}/engagements", OWN_ID, API_SELLERS, data=MEETING),
    api(
        "POST /opportunities/{opportunity_id}/engagements", OTHER_ID, API_SELLERS_404, data=MEETING
    ),
    api(
        "POST /opportunities/{opportunity_id}/technical-result",
        OWN_ID,
        API_MANAGERS,
        data={"result": "win", "reason": "Met every criterion."},
    ),
    api("POST /opportunities/{opportunity_id}/outcome", OWN_ID, API_SELLERS, data=OUTCOME),
    api("POST /opportunities/{opportunity_id}/outcome", OTHER_ID, API_SELLERS_404, data=OUTCOME),
    api("GET /reports/presales", rules=but(API_STAFF, sales=DENIED)),
    api("GET /se-capacity", rules=but(API_MANAGERS, no_role=DENIED)),
    api("GET /se-requests", rules=API_LIST),
    # An opportunity nobody may see: the gate and who may ask are tested in tests/presales.
    api(
        "POST /se-requests",
        rules=rule(
            no_role=MISSING,
            sales=MISSING,
            support=MISSING,
            engineering=MISSING,
            lead=MISSING,
            admin=MISSING,
        ),
        data={
            "opportunity_id": 999999,
            "context": "Fleet",
            "reasons": ["revenue"],
            "due_on": days(7),
        },
    ),
    api("GET /se-requests/{request_id}", {"request_id": "se_request:own"}),
    api("GET /se-requests/{request_id}", {"request_id": "se_request:other"}, API_OTHERS_404),
    api(
        "POST /engagements/{engagement_id}/feedback",
        {"engagement_id": "engagement:own"},
        rule(no_role=MISSING, **NOT_THEIRS),
        data=FEEDBACK,
    ),
    api(
        "POST /engagements/{engagement_id}/feedback",
        {"engagement_id": "engagement:other"},
        rule(no_role=MISSING, sales=MISSING, **NOT_THEIRS),
        data=FEEDBACK,
    ),
]

# The checklist: leads configure it; nobody deletes an item (it would take its confirmations).
ADMIN: list[Case] = admin_model_cases(
    AdminModel(
        "presales_qualificationitem", "qualification_item:", LEADS_ADMIN, LEADS_ADMIN, NOBODY
    )
)
