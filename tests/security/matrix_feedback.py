"""The role matrix (matrix.py) for product feedback (docs/feedback.md, feedback/access.py):
everyone with a role reads the themes, sales only their accounts' items; people who work
tickets capture and group; leads send the shipped notice and share the themes."""

from __future__ import annotations

from tests.security.rules import (
    API_LIST,
    API_OBJECT,
    API_WORK,
    DENIED,
    EVERYONE,
    LEADS,
    MISSING,
    OWN,
    STAFF,
    WORKERS,
    Case,
    api,
    but,
    rule,
    web,
)

THEME = {"pk": "theme:own"}
# Suggestions hold every account's words: people who work tickets only (a log-in without a
# role is refused, as sales are). The notice: leads.
API_STAFF_WORK = rule(no_role=DENIED, sales=DENIED)
API_LEADS = rule(no_role=MISSING, sales=DENIED, support=DENIED, engineering=DENIED)
OWN_ITEM = {"pk": "item:own"}
OTHER_ITEM = {"pk": "item:other"}

WEB: list[Case] = [
    # The ticket page's panel: read through the ticket; capture by people who work tickets.
    web("feedback_ticket:panel", args={"pk": "ticket:own"}),
    web("feedback_ticket:panel", args={"pk": "ticket:other"}, rules=but(STAFF, sales=MISSING)),
    web(
        "feedback_ticket:capture",
        "POST",
        {"pk": "ticket:own"},
        but(WORKERS, sales=DENIED),
        data={"message": "1", "importance": "important"},
    ),  # fmt: skip
    web(
        "feedback_ticket:capture",
        "POST",
        {"pk": "ticket:other"},
        but(WORKERS, sales=MISSING),
        data={"message": "1", "importance": "important"},
    ),  # fmt: skip
    web("feedback:themes"),
    web("feedback:new_theme", "POST", rules=WORKERS, data={"name": "Audit log"}),
    web("feedback:theme", args=THEME),
    web("feedback:status", "POST", THEME, WORKERS, data={"status": "planned"}),
    web(
        "feedback:notice",
        "POST",
        {"pk": "theme:shipped"},
        LEADS,
        data={"subject": "Shipped: $theme", "body": "Hello $name"},
    ),
    web("feedback:items", rules=but(STAFF, sales=OWN)),
    web("feedback:capture", "POST", rules=WORKERS, data={"quote": "SSO", "importance": "nice"}),
    web("feedback:import", "POST", rules=WORKERS, data={}),
    web("feedback:link", "POST", OWN_ITEM, WORKERS, data={"theme": ""}),
    web("feedback:link", "POST", OTHER_ITEM, but(WORKERS, sales=MISSING), data={"theme": ""}),
    web("feedback:suggestions", rules=WORKERS),
    web("feedback:refresh", "POST", rules=WORKERS),
    web("feedback:decide", "POST", {"pk": "suggestion:own"}, WORKERS, data={"decision": "reject"}),
    web("feedback:export", args={"fmt": "value:csv"}),
    web("feedback:share", "POST", rules=LEADS),
    web("feedback:unshare", "POST", {"pk": "share:own"}, LEADS),
    web("feedback_shared:themes", args={"token": "secret:share"}, rules=EVERYONE),
]

API: list[Case] = [
    api("GET /feedback", rules=API_LIST),
    api("POST /feedback", rules=WORKERS, data={"quote": "SSO, please"}),
    api("GET /feedback/{item_id}", {"item_id": "item:own"}, API_OBJECT),
    api("GET /feedback/{item_id}", {"item_id": "item:other"}, but(API_OBJECT, sales=MISSING)),
    api("POST /feedback/{item_id}/theme", {"item_id": "item:own"}, API_WORK, data={}),
    api(
        "POST /feedback/{item_id}/theme",
        {"item_id": "item:other"},
        but(API_WORK, sales=MISSING),
        data={},
    ),
    api("GET /themes", rules=rule(no_role="none")),
    api("POST /themes", rules=WORKERS, data={"name": "Audit log"}),
    api("GET /themes/{theme_id}", {"theme_id": "theme:own"}, API_OBJECT),
    api("GET /themes/suggestions", rules=API_STAFF_WORK),
    api("POST /themes/suggestions/refresh", rules=API_STAFF_WORK),
    api(
        "POST /themes/suggestions/{suggestion_id}/reject",
        {"suggestion_id": "suggestion:own"},
        API_STAFF_WORK,
    ),
    api(
        "POST /themes/suggestions/{suggestion_id}/accept",
        {"suggestion_id": "suggestion:own"},
        API_STAFF_WORK,
    ),
    api(
        "POST /themes/{theme_id}/status",
        {"theme_id": "theme:own"},
        API_WORK,
        data={"status": "planned"},
    ),
    api("GET /themes/{theme_id}/notice", {"theme_id": "theme:shipped"}, API_LEADS),
    api(
        "POST /themes/{theme_id}/notice/send",
        {"theme_id": "theme:shipped"},
        API_LEADS,
        data={"subject": "Shipped: $theme", "body": "Hello $name"},
    ),
]
