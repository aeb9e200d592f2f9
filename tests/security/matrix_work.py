"""The role matrix (matrix.py) for the pages and operations of the daily work beyond the
ticket: opening, merging and splitting tickets, bulk changes, saved views, search, knowledge,
notifications and who else is on a ticket, the ticket's satisfaction and Q&A panels, and the
settings pages. Settings are read by everyone with a role and changed by leads, except what is
each person's own (docs/settings.md); the Q&A site's and the mailing lists' are the leads'
alone (docs/channels.md, docs/mail.md)."""

from __future__ import annotations

from tests.security.rules import (
    API_LIST,
    API_OBJECT,
    API_STAFF,
    API_WORK,
    DENIED,
    EMPTY,
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

OWN_TICKET = {"pk": "ticket:own"}
OTHER_TICKET = {"pk": "ticket:other"}
WORK_404 = but(WORKERS, sales=MISSING)
OTHERS_404 = but(STAFF, sales=MISSING)
# Support's own saved view, macro and API token: theirs; a lead may also change a macro.
SUPPORTS = but(STAFF, sales=MISSING, engineering=MISSING, lead=MISSING, admin=MISSING)


NOTIFY = {"customer_wrote": "email", "assigned": "app", "mentioned": "email", "sla_breached": "app"}
NOTIFICATIONS_AND_PANELS: list[Case] = [
    # Each person's own notifications: support's is nobody else's to open (docs/workspace.md).
    web("notify:bell"),
    web("notify:list"),
    web("notify:open", args={"pk": "notification:"}, rules=SUPPORTS),
    web("notify:read_all", "POST"),
    web("notify:preferences"),
    web("notify:preferences", "POST", data=NOTIFY),
    web("notify:mentions", query={"q": "value:al"}),
    # The command palette finds only what each may see (tests/web/test_palette.py).
    web("palette", query={"q": "value:tiles"}),
    # Who else has the ticket open: on a ticket one may see (sales: their accounts').
    web("desk:presence", "POST", OWN_TICKET, STAFF, data={"typing": "note", "opened": "1"}),
    web("desk:presence", "POST", OTHER_TICKET, OTHERS_404, data={"typing": "note"}),
    # Ratings on the ticket: staff, sales on their accounts' tickets only (docs/csat.md).
    web("csat_ticket:panel", args={"pk": "ticket:own_solved"}),
    web("csat_ticket:panel", args={"pk": "ticket:other_solved"}, rules=OTHERS_404),
    web("qa_ticket:panel", args=OWN_TICKET),
    web("qa_ticket:panel", args=OTHER_TICKET, rules=OTHERS_404),
]

SITE = "gis.stackexchange.com"
LIST = {"name": "QGIS users", "address": "qgis-users@lists.example.org", "list_id": ""}
CHANNEL_SETTINGS: list[Case] = [
    web("qa:settings", rules=LEADS),
    web("qa:settings", "POST", rules=LEADS),  # the page again: its forms post elsewhere
    web(
        "qa:add_source",
        "POST",
        rules=LEADS,
        data={"site": SITE, "tag": "qgis", "url": "http://127.0.0.1:9/qgis.json"},
    ),
    web("qa:source_action", "POST", {"pk": "qa_source:", "action": "value:pause"}, LEADS),
    web(
        "qa:add_staff",
        "POST",
        rules=LEADS,
        data={"site": SITE, "user_id": "8", "staff": "user:support"},
    ),
    web("qa:remove_staff", "POST", {"pk": "site_user:"}, LEADS),
    web("mail:lists", rules=LEADS),
    web("mail:lists", "POST", rules=LEADS, data=LIST),
    web("mail:list_edit", args={"pk": "mailing_list:"}, rules=LEADS),
    web("mail:list_edit", "POST", {"pk": "mailing_list:"}, LEADS, data=LIST),
    web("mail:list_remove", "POST", {"pk": "mailing_list:"}, LEADS),
]


def _both(name: str, data: dict, extra: dict | None = None) -> list[Case]:
    """A change to a ticket, on sales' own account's and on another's."""
    extra = extra or {}
    return [
        web(name, "POST", OWN_TICKET | extra, WORKERS, data=data),
        web(name, "POST", OTHER_TICKET | extra, WORK_404, data=data),
    ]


WEB: list[Case] = [
    web("desk:new_ticket", rules=WORKERS),
    # Opened again after sending (a reload), the bulk form's address shows the queue.
    web("desk:bulk", args={"name": "value:open"}),
    web("desk:bulk", "POST", {"name": "value:open"}, WORKERS, data={"priority": "high"}),
    web("desk:create_view", "POST", rules=STAFF, data={"name": "Mine too", "queue": "open"}),
    web("desk:view", args={"pk": "view:"}, rules=SUPPORTS),
    web("desk:edit_view", args={"pk": "view:"}, rules=SUPPORTS),
    web("desk:view_filters", "POST", {"pk": "view:"}, SUPPORTS, data={"queue": "open"}),
    web("desk:delete_view", "POST", {"pk": "view:"}, SUPPORTS),
    *_both("desk:ccs", {"ccs": "cc@ownco.test"}),
    *_both("desk:hand_off_now", {"to": "user:engineering", "note": "Yours."}),
    *_both("desk:take_back", {}),
    *_both("desk:merge", {"into": "1"}),
    web("desk:split", "POST", OWN_TICKET | {"message_id": "message:own"}, WORKERS),
    web("desk:split", "POST", OTHER_TICKET | {"message_id": "message:other"}, WORK_404),
    # Searched for a word of Otherco's ticket ("Otherco" itself would be shown back in the box).
    web("search:results", rules=but(STAFF, sales=OWN), query={"q": "value:export"}),
    web("search:suggest", rules=but(STAFF, sales=OWN), query={"q": "value:export"}),
    web("accounts:account_new", rules=WORKERS),
    web("accounts:account_edit", args={"pk": "account:own"}, rules=WORKERS),
    web("accounts:account_edit", args={"pk": "account:other"}, rules=WORK_404),
    web("accounts:contact_new", rules=WORKERS),
    web("accounts:contact_edit", args={"pk": "contact:own"}, rules=WORKERS),
    web("accounts:contact_edit", args={"pk": "contact:other"}, rules=WORK_404),
    web("accounts:contact_options", rules=but(STAFF, sales=OWN), query={"q": "value:Otherco"}),
    web("mail:outbox_discard", "POST", {"pk": "outbox:own"}, WORKERS),
    # Knowledge: staff who work tickets write, sales read.
    web("kb:articles"),
    web("kb:article", args={"slug": "slug:article_internal"}),
    web("kb:article_diff", args={"slug": "slug:article_internal"}),
    web("kb:article_new", rules=WORKERS),
    web("kb:article_edit", args={"slug": "slug:article_internal"}, rules=WORKERS),
    # Sales get the pages, empty and refusing: macros are for those who work tickets.
    web("kb:macros"),
    web("kb:macro_new"),
    # Sales' macro is refused in the form, in words (kb.macros; a 422, which reads "yes").
    web("kb:macro_new", "POST", data={"name": "Hi", "body": "Hello"}),
    web("kb:macro_edit", args={"pk": "macro:"}, rules=SUPPORTS),
    web("kb:macro_delete", "POST", {"pk": "macro:"}, SUPPORTS),
    web("kb_ticket:panel", args=OWN_TICKET),
    web("kb_ticket:panel", args=OTHER_TICKET, rules=OTHERS_404),
    web("kb_ticket:macro_text", args=OWN_TICKET | {"macro_id": "macro:"}, rules=SUPPORTS),
    web("kb_ticket:macro_send", "POST", OWN_TICKET | {"macro_id": "macro:"}, SUPPORTS),
    # Settings: the lists are read by everyone with a role; the forms (an object's page is
    # its form) are the leads'; each person has their own token, password and week.
    web("settings:home"),
    web("settings:password"),
    web("tokens:list"),
    web("tokens:create", "POST", rules=STAFF, data={"name": "script"}),
    web("tokens:revoke", "POST", {"pk": "api_token:"}, SUPPORTS),
    web("people:list"),
    web("people:new", rules=LEADS),
    web("people:detail", args={"pk": "user:support"}),
    web("people:update", "POST", {"pk": "user:support"}, LEADS),
    web("people:week", "POST", {"pk": "user:support"}, but(LEADS, support=OK)),
    web("sla_settings:overview"),
    web("sla_settings:calendar_new", rules=LEADS),
    web("sla_settings:calendar", args={"pk": "calendar:"}, rules=LEADS),
    web("sla_settings:calendar", "POST", {"pk": "calendar:"}, LEADS, data={"name": "Madrid"}),
    web("sla_settings:holiday_add", "POST", {"pk": "calendar:"}, LEADS),
    web(
        "sla_settings:holiday_remove",
        "POST",
        {"pk": "calendar:", "holiday_pk": "holiday:"},
        LEADS,
    ),
    web("sla_settings:holidays_import", "POST", {"pk": "calendar:"}, LEADS),
    web("sla_settings:policy_new", rules=LEADS),
    web("sla_settings:policy", args={"pk": "sla_policy:"}, rules=LEADS),
    web("sla_settings:policy", "POST", {"pk": "sla_policy:"}, LEADS, data={"name": "E"}),
    web("sla_settings:policy_move", "POST", {"pk": "sla_policy:"}, LEADS),
    web("rotation_settings:list"),
    web("rotation_settings:new", rules=LEADS),
    web("rotation_settings:rotation", args={"pk": "rotation:"}, rules=LEADS),
    web("rotation_settings:rotation", "POST", {"pk": "rotation:"}, LEADS, data={"name": "R"}),
    web("rotation_settings:layer_new", args={"pk": "rotation:"}, rules=LEADS),
    web("rotation_settings:layer", args={"pk": "rotation:", "layer_pk": "layer:"}, rules=LEADS),
    web(
        "rotation_settings:layer_delete",
        "POST",
        {"pk": "rotation:", "layer_pk": "layer:"},
        LEADS,
    ),
    web("paging_settings:policies"),
    web("paging_settings:policy_new", rules=LEADS),
    web("paging_settings:policy", args={"pk": "policy:"}, rules=LEADS),
    web("paging_settings:policy", "POST", {"pk": "policy:"}, LEADS, data={"name": "U"}),
    web("paging_settings:webhooks"),
    web("paging_settings:webhook_new", rules=LEADS),
    web("paging_settings:webhook", args={"pk": "webhook:"}, rules=LEADS),
    web("paging_settings:webhook", "POST", {"pk": "webhook:"}, LEADS, data={"name": "C"}),
    web("paging_settings:webhook_secret", "POST", {"pk": "webhook:"}, LEADS),
    web("paging_settings:webhook_delete", "POST", {"pk": "webhook:"}, LEADS),
    web("schedule:handoff_settings"),
    web("schedule:handoff_settings", "POST", rules=LEADS, data={"handover_cap": "5"}),
    *NOTIFICATIONS_AND_PANELS,
    *CHANNEL_SETTINGS,
]

OWN_T, OTHER_T = {"ticket_id": "ticket:own"}, {"ticket_id": "ticket:other"}
API_WORK_404 = but(API_WORK, sales=MISSING)
ARTICLE = {"article_id": "article_internal:"}
MACRO = {"macro_id": "macro:"}
API_SUPPORTS = but(API_OBJECT, sales=MISSING, engineering=MISSING, lead=MISSING, admin=MISSING)
# Each log-in's own (a log-in without a role has nothing in it, and nobody hears of anything).
OWN_LOGIN = rule(no_role=OK)

API: list[Case] = [
    api(
        "POST /tickets/bulk",
        rules=API_WORK,
        data={"ids": ["ticket:own"], "changes": {"priority": "high"}},
    ),
    api("POST /tickets/{ticket_id}/merge", OWN_T, API_WORK, data={"into": 1}),
    api("POST /tickets/{ticket_id}/merge", OTHER_T, API_WORK_404, data={"into": 1}),
    api("POST /tickets/{ticket_id}/split", OWN_T, API_WORK, data={"message_id": 1}),
    api("POST /tickets/{ticket_id}/split", OTHER_T, API_WORK_404, data={"message_id": 1}),
    api("POST /tickets/{ticket_id}/hand-off", OWN_T, API_WORK, data={}),
    api("POST /tickets/{ticket_id}/hand-off", OTHER_T, API_WORK_404, data={}),
    api("POST /tickets/{ticket_id}/take-back", OWN_T, API_WORK),
    api("POST /tickets/{ticket_id}/take-back", OTHER_T, API_WORK_404),
    api("GET /search", rules=but(API_LIST, sales=OWN), query={"q": "value:export"}),
    api("GET /views", rules=but(API_LIST, sales=OK)),
    api("POST /views", rules=API_STAFF, data={"name": "Mine too", "queue": "open"}),
    api("PATCH /views/{view_id}", {"view_id": "view:"}, API_SUPPORTS, data={"name": "Mine!"}),
    api("DELETE /views/{view_id}", {"view_id": "view:"}, API_SUPPORTS),
    # Without a role: the public articles, as the help centre shows them to anyone.
    api("GET /articles", rules=but(API_LIST, no_role=OK, sales=OK)),
    api("POST /articles", rules=but(API_WORK, no_role=DENIED), data={"title": "T", "body": "B"}),
    api("GET /articles/deflection", rules=API_STAFF),
    api("GET /articles/{article_id}", ARTICLE),
    api("PATCH /articles/{article_id}", ARTICLE, API_WORK, data={"body": "Better."}),
    api("GET /articles/{article_id}/versions", ARTICLE),
    api("GET /macros", rules=but(API_LIST, sales=EMPTY)),
    api("POST /macros", rules=but(API_WORK, no_role=DENIED), data={"name": "N", "body": "B"}),
    api("GET /macros/{macro_id}", MACRO, API_SUPPORTS),
    api("PATCH /macros/{macro_id}", MACRO, API_SUPPORTS, data={"body": "Send it?"}),
    api("DELETE /macros/{macro_id}", MACRO, API_SUPPORTS),
    api("POST /macros/{macro_id}/apply", MACRO, API_SUPPORTS, data={"ticket_id": 1}),
    api("GET /notifications", rules=but(API_LIST, sales=OK)),
    api("GET /notifications/unread-count", rules=OWN_LOGIN),
    api("POST /notifications/read-all", rules=OWN_LOGIN),
    api("GET /notifications/preferences", rules=OWN_LOGIN),
    api("PUT /notifications/preferences", rules=OWN_LOGIN, data={"mentioned": True}),
    api(
        "POST /notifications/{notification_id}/read",
        {"notification_id": "notification:"},
        API_SUPPORTS,
    ),
    # Ratings: workers all, sales their accounts', anybody else none (docs/csat.md).
    api("GET /csat", rules=API_LIST),
    # Counted from the same surveys as GET /csat: sales' counts are their accounts'
    # (tests/api/test_csat.py), a log-in without a role's are all 0.
    api("GET /csat/summary", rules=OWN_LOGIN),
]
