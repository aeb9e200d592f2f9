"""The role matrix (matrix.py) for integrations (docs/integrations.md, integrations/access.py):
people who work tickets read every linked bug and review its notices; sales read the bugs of
their accounts' tickets and send nothing; the trackers' webhooks answer only a signed
delivery and /metrics only its token; leads set up outgoing webhooks (the world sets neither: not served to anyone)."""

from __future__ import annotations

from tests.security.rules import (
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
    rule,
    web,
)

OWN_BUG, OTHER_BUG = {"pk": "bug:own"}, {"pk": "bug:other"}
OWN_NOTICE, OTHER_NOTICE = {"pk": "bug_notice:own"}, {"pk": "bug_notice:other"}
NOTICE = {"subject": "Fixed", "body": "It is fixed."}
HOOK = {"name": "Ops bridge", "url": "https://example.test/in"}
OWN_T, OTHER_T = {"pk": "ticket:own"}, {"pk": "ticket:other"}
OWN_LINK, OTHER_LINK = {"link_pk": "ticket_link:own"}, {"link_pk": "ticket_link:other"}
LINK = {"kind": "dashboard", "url": "https://grafana.test/d/2"}
PATTERN = {"name": "Logs", "kind": "log_search", "pattern": "https://logs.test/?q={id}"}
# No secret configured: every delivery is refused as unknown, whoever sends it.
UNSERVED = rule(*[MISSING] * 8)

WEB: list[Case] = [
    web("integrations:bugs", rules=but(STAFF, sales=OWN)),
    web("integrations:bug", args=OWN_BUG, rules=but(STAFF, sales=OWN)),
    web("integrations:bug", args=OTHER_BUG, rules=but(STAFF, sales=MISSING)),
    web("integrations:send_notice", "POST", OWN_NOTICE, WORKERS, data=NOTICE),
    web("integrations:send_notice", "POST", OTHER_NOTICE, but(WORKERS, sales=MISSING), data=NOTICE),
    # Asking the tracker (refused at once here: tests/security/conftest.py) redirects back.
    web("integrations:check_tracker", "POST", OWN_BUG, WORKERS),
    web("integrations:check_tracker", "POST", OTHER_BUG, but(WORKERS, sales=MISSING)),
    web("integrations:discard_notice", "POST", OWN_NOTICE, WORKERS),
    web("integrations:discard_notice", "POST", OTHER_NOTICE, but(WORKERS, sales=MISSING)),
    web("integrations_ticket:panel", args={"pk": "ticket:own"}),
    web("integrations_ticket:panel", args={"pk": "ticket:other"}, rules=but(STAFF, sales=MISSING)),
    web("hooks:github", "POST", rules=UNSERVED, data={"action": "closed"}),
    web("hooks:gitlab", "POST", rules=UNSERVED, data={"object_kind": "issue"}),
    # Prometheus sends the metrics token; no session opens it, and the world sets none.
    web("metrics", rules=UNSERVED),
    # Outgoing webhooks: the lead's.
    web("integrations:webhooks", rules=LEADS),
    web(
        "integrations:add_webhook", "POST", rules=LEADS, data=HOOK | {"events": ["ticket.created"]}
    ),
    web("integrations:send_again", "POST", {"pk": "delivery:own"}, LEADS),
    # Chat channels (Slack-compatible webhooks per team and tier): the lead's.
    web("integrations:chat", rules=LEADS),
    web("integrations:add_chat", "POST", rules=LEADS, data=HOOK | {"events": ["ticket.urgent"]}),
    web("integrations:remove_chat", "POST", {"pk": "chat:own"}, LEADS),
    # Typed links: the ticket's people add them (sales read their accounts'); leads, patterns.
    web("integrations_ticket:add_link", "POST", OWN_T, WORKERS, data=LINK),
    web("integrations_ticket:add_link", "POST", OTHER_T, but(WORKERS, sales=MISSING), data=LINK),
    web("integrations_ticket:remove_link", "POST", OWN_T | OWN_LINK, WORKERS),
    web(
        "integrations_ticket:remove_link", "POST", OTHER_T | OTHER_LINK, but(WORKERS, sales=MISSING)
    ),
    web("integrations:link_patterns", rules=LEADS),
    web("integrations:add_link_pattern", "POST", rules=LEADS, data=PATTERN),
    web("integrations:remove_link_pattern", "POST", {"pk": "link_pattern:own"}, LEADS),
    # The CRM import of accounts and contacts: the lead's.
    web("integrations:crm_import", rules=LEADS),
]

WEBHOOK = {"webhook_id": "webhook:own"}
DELIVERY = WEBHOOK | {"delivery_id": "delivery:own"}
API_OWN_T, API_OTHER_T = {"ticket_id": "ticket:own"}, {"ticket_id": "ticket:other"}
API_OWN_LINK, API_OTHER_LINK = {"link_id": "ticket_link:own"}, {"link_id": "ticket_link:other"}
# Leads only; the others are refused before anything is looked up (403, not 404).
API_LEADS = rule(no_role=DENIED, sales=DENIED, support=DENIED, engineering=DENIED)

API: list[Case] = [
    api("GET /webhooks", rules=API_LEADS),
    api("POST /webhooks", rules=API_LEADS, data=HOOK | {"events": ["ticket.created"]}),
    api("GET /webhooks/{webhook_id}", WEBHOOK, API_LEADS),
    api("PATCH /webhooks/{webhook_id}", WEBHOOK, API_LEADS, data={"active": False}),
    api("DELETE /webhooks/{webhook_id}", WEBHOOK, API_LEADS),
    api("GET /webhooks/{webhook_id}/deliveries", WEBHOOK, API_LEADS),
    api("POST /webhooks/{webhook_id}/deliveries/{delivery_id}/send-again", DELIVERY, API_LEADS),
    # Typed links (sales read their accounts' tickets' links) and the teams' link patterns.
    api("GET /tickets/{ticket_id}/links", API_OWN_T, API_OBJECT),
    api("GET /tickets/{ticket_id}/links", API_OTHER_T, but(API_OBJECT, sales=MISSING)),
    api("POST /tickets/{ticket_id}/links", API_OWN_T, API_WORK, data=LINK),
    api("POST /tickets/{ticket_id}/links", API_OTHER_T, but(API_WORK, sales=MISSING), data=LINK),
    api("DELETE /tickets/{ticket_id}/links/{link_id}", API_OWN_T | API_OWN_LINK, API_WORK),
    api(
        "DELETE /tickets/{ticket_id}/links/{link_id}",
        API_OTHER_T | API_OTHER_LINK,
        but(API_WORK, sales=MISSING),
    ),
    api("GET /link-patterns", rules=rule(no_role=DENIED, sales=DENIED)),
    api("POST /link-patterns", rules=API_LEADS, data=PATTERN),
    api("DELETE /link-patterns/{pattern_id}", {"pattern_id": "link_pattern:own"}, API_LEADS),
]
