"""The role matrix (matrix.py) for what customers use: the help centre and the web form (open
to anyone), the portal (a contact signed in by an e-mailed link) and the contacts' API (a
contact's token). A staff log-in opens none of the portal, and a contact's session or token
opens nothing of the desk (the desk's rules say so for each of its pages: `contact` is
LOGIN there)."""

from __future__ import annotations

from tests.security.rules import EVERYONE, LOGIN, MISSING, OK, OWN, Case, api, but, rule, web

# Only the signed-in contact; everyone else is sent to the portal's sign-in page (staff
# included: the portal session is not a Django log-in) or, in the API, answered 401.
PORTAL = rule(LOGIN, OK, *[LOGIN] * 6)
PORTAL_OWN = but(PORTAL, contact=OWN)
PORTAL_OTHER = but(PORTAL, contact=MISSING)
OWN_T, OTHER_T = {"ticket_id": "ticket:own"}, {"ticket_id": "ticket:other"}
# Solved, each with a satisfaction survey (another organisation's rating is not the contact's).
OWN_SOLVED, OTHER_SOLVED = {"ticket_id": "ticket:own_solved"}, {"ticket_id": "ticket:other_solved"}
RATING = {"rating": "good", "comment": "Quick, thanks."}

WEB: list[Case] = [
    web("help:home", rules=EVERYONE),
    web("help:article", args={"slug": "slug:article_public"}, rules=EVERYONE),
    # An internal article is no page of the help centre, whoever asks.
    web("help:article", args={"slug": "slug:article_internal"}, rules=rule(*[MISSING] * 8)),
    web("help:feedback", "POST", {"slug": "slug:article_public"}, EVERYONE, data={"helped": "1"}),
    web("portal:sign_in", rules=EVERYONE),
    web("portal:sign_in_link", args={"token": "secret:signin"}, rules=EVERYONE),
    # Signing out ends on the sign-in page, whoever asks.
    web("portal:sign_out", "POST", rules=rule(*[LOGIN] * 8)),
    web("portal:new_request", rules=EVERYONE),
    web("portal:suggest", rules=EVERYONE),
    web("portal:read_article", args={"slug": "slug:article_public"}, rules=EVERYONE),
    web("portal:confirm", args={"token": "value:not-a-link"}, rules=EVERYONE),
    web("portal:home", rules=PORTAL_OWN),
    web("portal:ticket", args=OWN_T, rules=PORTAL),
    web("portal:ticket", args=OTHER_T, rules=PORTAL_OTHER),
    web("portal:reply", "POST", OWN_T, PORTAL, data={"body": "Thanks!"}),
    web("portal:reply", "POST", OTHER_T, PORTAL_OTHER, data={"body": "Thanks!"}),
    web("portal:attachment", args={"attachment_id": "attachment:own"}, rules=PORTAL),
    web("portal:attachment", args={"attachment_id": "attachment:other"}, rules=PORTAL_OTHER),
    web("portal:rate", "POST", OWN_SOLVED, PORTAL, data=RATING),
    web("portal:rate", "POST", OTHER_SOLVED, PORTAL_OTHER, data=RATING),
    # The e-mail's rating links: signed, for one survey; anyone who holds one may rate it
    # (opening it records its rating) and add a comment, without signing in (docs/csat.md).
    web("csat:rate", args={"token": "secret:csat"}, rules=EVERYONE),
    web("csat:rate", "POST", {"token": "secret:csat"}, EVERYONE, data=RATING),
    web("portal:api_tokens", rules=PORTAL),
    web("portal:revoke_token", "POST", {"token_id": "contact_token:"}, PORTAL),
]

API: list[Case] = [
    api("GET /portal/me", rules=PORTAL),
    api("GET /portal/tickets", rules=PORTAL_OWN),
    api("POST /portal/tickets", rules=PORTAL, data={"subject": "Tiles", "body": "Blank again."}),
    api("GET /portal/tickets/{ticket_id}", OWN_T, PORTAL),
    api("GET /portal/tickets/{ticket_id}", OTHER_T, PORTAL_OTHER),
    api("GET /portal/tickets/{ticket_id}/messages", OWN_T, PORTAL),
    api("GET /portal/tickets/{ticket_id}/messages", OTHER_T, PORTAL_OTHER),
    api("POST /portal/tickets/{ticket_id}/messages", OWN_T, PORTAL, data={"body": "Thanks!"}),
    api(
        "POST /portal/tickets/{ticket_id}/messages",
        OTHER_T,
        PORTAL_OTHER,
        data={"body": "Thanks!"},
    ),
    api("GET /portal/attachments/{attachment_id}", {"attachment_id": "attachment:own"}, PORTAL),
    api(
        "GET /portal/attachments/{attachment_id}",
        {"attachment_id": "attachment:other"},
        PORTAL_OTHER,
    ),
    api("GET /portal/tickets/{ticket_id}/rating", OWN_SOLVED, PORTAL),
    api("GET /portal/tickets/{ticket_id}/rating", OTHER_SOLVED, PORTAL_OTHER),
    api("PUT /portal/tickets/{ticket_id}/rating", OWN_SOLVED, PORTAL, data=RATING),
    api("PUT /portal/tickets/{ticket_id}/rating", OTHER_SOLVED, PORTAL_OTHER, data=RATING),
]
