"""The role matrix (matrix.py) for customer engineering (docs/success.md): account teams and
capacity are read by everyone with a role (sales: their accounts) and changed by leads; the
support context and requests are written by everyone with a role (sales on their accounts)
and the requests answered by leads; a log-in without a role gets nothing."""

from __future__ import annotations

from tests.security.rules import (
    API_LIST,
    API_OBJECT,
    API_STAFF,
    DENIED,
    LEADS,
    MISSING,
    OK,
    OWN,
    STAFF,
    WORKERS,
    Case,
    api,
    but,
    rule,
    web,
)

OWN_ACCOUNT, OTHER_ACCOUNT = {"pk": "account:own"}, {"pk": "account:other"}
OWN_REQUEST, OTHER_REQUEST = {"pk": "support_request:own"}, {"pk": "support_request:other"}
OTHERS_404 = but(STAFF, sales=MISSING)
ALL_404 = {role: MISSING for role in ("sales", "support", "engineering", "lead", "admin")}
LEADS_404 = but(LEADS, sales=MISSING)
TOUCH = {"kind": "call", "on": "2026-03-02", "note": "Matrix"}
CONTEXT = {"customer_name": "Ownco Maps", "issue_link": "#1", "background": "Their tiles."}
REQUEST = {
    "customer_name": "Ownco Maps",
    "issue_link": "#1",
    "ask": "Prioritise the tiles bug.",
    "why": "Renewal.",
    "if_not": "Churn.",
}

WEB: list[Case] = [
    web("success:teams", rules=but(STAFF, sales=OWN)),
    web("success:account", args=OWN_ACCOUNT),
    web("success:account", args=OTHER_ACCOUNT, rules=OTHERS_404),
    web("success:pair", "POST", OWN_ACCOUNT, LEADS, data={"reason": "Matrix"}),
    web("success:pair", "POST", OTHER_ACCOUNT, LEADS_404, data={"reason": "Matrix"}),
    # The contact cadence: whoever may give context on the account (sales: their own).
    web("success:cadence", "POST", OWN_ACCOUNT, STAFF, data={"every_days": "14"}),
    web("success:cadence", "POST", OTHER_ACCOUNT, OTHERS_404, data={"every_days": "14"}),
    web("success:touch", "POST", OWN_ACCOUNT, STAFF, data=TOUCH),
    web("success:touch", "POST", OTHER_ACCOUNT, OTHERS_404, data=TOUCH),
    web("success:context_new", query={"account": "account:own"}),
    web("success:context_new", query={"account": "account:other"}, rules=OTHERS_404),
    # Without an account, sales' context is refused on the form, in words (a 422: "yes").
    web("success:context_new", "POST", data=CONTEXT),
    web("success:requests", rules=but(STAFF, sales=OWN)),
    web("success:request_new", query={"ticket": "ticket:own"}),
    web("success:request_new", query={"ticket": "ticket:other"}, rules=OTHERS_404),
    web("success:request_new", "POST", data=REQUEST),
    web("success:request", args=OWN_REQUEST),
    web("success:request", args=OTHER_REQUEST, rules=OTHERS_404),
    web("success:request", "POST", OWN_REQUEST, LEADS, data={"status": "accepted"}),
    web("success:request", "POST", OTHER_REQUEST, LEADS_404, data={"status": "accepted"}),
    # The rituals' agendas: read through each one's visibility; notes by those who work tickets.
    web("success:ritual", args={"kind": "value:office_hours"}),
    web("success:ritual", args={"kind": "value:feedback_review"}),
    web("success:ritual", args={"kind": "value:no_such_ritual"}, rules=but(STAFF, **ALL_404)),
    web("success:ritual", "POST", {"kind": "value:office_hours"}, WORKERS, data={"notes": "N"}),
    # A context note captured as product feedback: people who work tickets.
    web("success:note_feedback", "POST", {"pk": "context_note:own"}, but(WORKERS, sales=DENIED)),
    web("success:note_feedback", "POST", {"pk": "context_note:other"}, but(WORKERS, sales=MISSING)),
    web("success_ticket:panel", args={"pk": "ticket:own"}),
    web("success_ticket:panel", args={"pk": "ticket:other"}, rules=OTHERS_404),
]

OWN_A, OTHER_A = {"account_id": "account:own"}, {"account_id": "account:other"}
OWN_R, OTHER_R = {"request_id": "support_request:own"}, {"request_id": "support_request:other"}
OWN_T, OTHER_T = {"ticket_id": "ticket:own"}, {"ticket_id": "ticket:other"}
API_OTHERS_404 = but(API_OBJECT, sales=MISSING)
API_LEADS = rule(no_role=MISSING, sales=DENIED, support=DENIED, engineering=DENIED)
API_LEADS_404 = but(API_LEADS, sales=MISSING)

API: list[Case] = [
    api("GET /account-teams", rules=API_LIST),
    # The band and the people in it are no secret; the accounts counted are each one's own.
    api("GET /account-teams/capacity", rules=rule(no_role=OK, sales=OWN)),
    api("PUT /account-teams/{account_id}", OWN_A, API_LEADS, data={"reason": "Matrix"}),
    api("PUT /account-teams/{account_id}", OTHER_A, API_LEADS_404, data={"reason": "Matrix"}),
    api("GET /account-teams/{account_id}/history", OWN_A),
    api("GET /account-teams/{account_id}/history", OTHER_A, API_OTHERS_404),
    api("GET /support-requests", rules=API_LIST),
    api("POST /support-requests", rules=API_STAFF, data=REQUEST),
    api("GET /support-requests/{request_id}", OWN_R),
    api("GET /support-requests/{request_id}", OTHER_R, API_OTHERS_404),
    api("PATCH /support-requests/{request_id}", OWN_R, API_LEADS, data={"status": "accepted"}),
    api(
        "PATCH /support-requests/{request_id}",
        OTHER_R,
        API_LEADS_404,
        data={"status": "accepted"},
    ),
    api("GET /tickets/{ticket_id}/context", OWN_T),
    api("GET /tickets/{ticket_id}/context", OTHER_T, API_OTHERS_404),
    api("POST /tickets/{ticket_id}/context", OWN_T, data=CONTEXT),
    api("POST /tickets/{ticket_id}/context", OTHER_T, API_OTHERS_404, data=CONTEXT),
    # The contact cadence and touches: whoever may give context on the account.
    api("GET /account-teams/{account_id}/cadence", OWN_A),
    api("GET /account-teams/{account_id}/cadence", OTHER_A, API_OTHERS_404),
    api("PUT /account-teams/{account_id}/cadence", OWN_A, data={"every_days": 14}),
    api(
        "PUT /account-teams/{account_id}/cadence", OTHER_A, API_OTHERS_404, data={"every_days": 14}
    ),
    api("GET /account-teams/{account_id}/touches", OWN_A),
    api("GET /account-teams/{account_id}/touches", OTHER_A, API_OTHERS_404),
    api("POST /account-teams/{account_id}/touches", OWN_A, data=TOUCH),
    api("POST /account-teams/{account_id}/touches", OTHER_A, API_OTHERS_404, data=TOUCH),
    # The rituals: agendas through each one's visibility; notes written by ticket workers.
    api("GET /rituals/{ritual}/agenda", {"ritual": "value:office_hours"}, API_STAFF),
    api("GET /rituals/{ritual}/agenda", {"ritual": "value:feedback_review"}, API_STAFF),
    api("GET /rituals/{ritual}/notes", {"ritual": "value:office_hours"}, API_STAFF),
    api(
        "PUT /rituals/{ritual}/notes/{held_on}",
        {"ritual": "value:office_hours", "held_on": "value:2026-03-02"},
        but(API_STAFF, sales=DENIED),
        data={"notes": "Matrix"},
    ),
]
