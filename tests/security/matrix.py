"""Who may do what: one rule per role for every page, every API operation and every admin
page. tests/security/test_role_matrix.py requests each one as each role and checks the
answer; it also fails when a URL pattern or an API operation has no rule here, and
docs/security.md shows this table (rendered by tests/security/render.py). The words are in
rules.py.
"""

from __future__ import annotations

from tests.security import (
    matrix_feedback,
    matrix_health,
    matrix_integrations,
    matrix_moving,
    matrix_portal,
    matrix_presales,
    matrix_projects,
    matrix_reports,
    matrix_slack,
    matrix_sso,
    matrix_success,
    matrix_work,
)
from tests.security.rules import (
    API_LIST,
    API_OBJECT,
    API_STAFF,
    API_WORK,
    DENIED,
    EVERYONE,
    LEADS_ADMIN,
    LOGIN,
    MISSING,
    NOBODY,
    OK,
    OWN,
    STAFF,
    STAFF_ADMIN,
    SUPERUSER,
    WORKERS,
    WORKERS_ADMIN,
    AdminModel,
    Case,
    adm,
    admin,
    admin_model_cases,
    api,
    at,
    but,
    days,
    rule,
    web,
)

OWN_TICKET = {"pk": "ticket:own"}
OTHER_TICKET = {"pk": "ticket:other"}
OTHERS_404 = but(STAFF, sales=MISSING)
WORK_404 = but(WORKERS, sales=MISSING)


WEB: list[Case] = [
    web("home", rules=EVERYONE),
    web("healthz", rules=EVERYONE),
    web("login", rules=EVERYONE),
    web("logout", "POST", rules=rule(*[LOGIN] * 8)),
    # Links from mail, chat and calendar apps: the signed or secret token is the credential.
    web("paging_ack", args={"token": "secret:ack"}, rules=EVERYONE),
    web("paging_ack", "POST", args={"token": "secret:ack"}, rules=EVERYONE),
    web("calendar_feed", args={"token": "secret:calendar"}, rules=EVERYONE),
    web("desk:index"),
    web("desk:queue", args={"name": "value:open"}, rules=but(STAFF, sales=OWN)),
    web("desk:ticket", args=OWN_TICKET),
    web("desk:ticket", args=OTHER_TICKET, rules=OTHERS_404),
    *[
        case
        for name, data in [
            ("desk:reply", {"body": "On it."}),
            ("desk:properties", {"priority": "high"}),
            ("desk:assign_to_me", {}),
            ("desk:handoff_note", {"text": "Waiting for the style JSON."}),
            ("paging:page", {"reason": "Production is down."}),
            ("paging:acknowledge", {}),
            ("paging:raise_level", {"level": "l2", "reason": "Needs a second look."}),
        ]
        for case in (
            web(name, "POST", OWN_TICKET, WORKERS, data=data),
            web(name, "POST", OTHER_TICKET, WORK_404, data=data),
        )
    ],
    # Sales may leave an internal note on their own accounts' tickets (docs/settings.md).
    web("desk:note", "POST", OWN_TICKET, STAFF, data={"body": "Checked the logs."}),
    web("desk:note", "POST", OTHER_TICKET, OTHERS_404, data={"body": "Checked the logs."}),
    web("accounts:list", rules=but(STAFF, sales=OWN)),
    web("accounts:account", args={"pk": "account:own"}),
    web("accounts:account", args={"pk": "account:other"}, rules=OTHERS_404),
    web("accounts:contact", args={"pk": "contact:own"}),
    web("accounts:contact", args={"pk": "contact:other"}, rules=OTHERS_404),
    web("schedule:on_shift"),
    web("schedule:coverage"),
    web("schedule:handoffs", rules=but(STAFF, sales=OWN)),
    web("team:time_off"),
    web(
        "team:time_off",
        "POST",
        rules=WORKERS,
        data={"first_day": days(20), "last_day": days(21)},
    ),
    # Support's own time off: a colleague may look; only they and leads may plan it.
    web("team:plan", args={"pk": "time_off:"}, rules=but(STAFF, sales=OWN)),
    web("team:plan", "POST", {"pk": "time_off:"}, but(WORKERS, engineering=DENIED)),
    web("team:cancel", "POST", {"pk": "time_off:"}, but(WORKERS, engineering=DENIED)),
    web("team:tell", "POST", {"pk": "time_off:"}, but(WORKERS, engineering=DENIED)),
    web("rotations:list"),
    web("rotations:detail", args={"pk": "rotation:"}),
    web(
        "rotations:add_override",
        "POST",
        {"pk": "rotation:"},
        WORKERS,
        data={"user": "user:engineering", "starts_at": at(30), "ends_at": at(34)},
    ),
    # Made by support for engineering: both of them and the leads may take it back.
    web(
        "rotations:delete_override",
        "POST",
        {"pk": "rotation:", "override_pk": "override:"},
        WORKERS,
    ),
    web("rotations:create_feed", "POST", rules=WORKERS),
    # Support's own feed: nobody else is told it exists.
    web(
        "rotations:revoke_feed",
        "POST",
        {"feed_pk": "feed:"},
        but(WORKERS, sales=MISSING, engineering=MISSING),
    ),
    web("reports:weekly", rules=WORKERS),
    web("reports:weekly_markdown", rules=WORKERS),
    web("reports:weekly_csv", args={"name": "value:summary"}, rules=WORKERS),
    # The leadership report (docs/metrics.md): as the weekly review.
    web("reports:leadership", rules=WORKERS),
    web("reports:leadership_markdown", rules=WORKERS),
    web("reports:leadership_csv", rules=WORKERS),
    # Quarantined mail is for the people who work tickets; processed mail's raw source follows
    # its ticket.
    web("mail:quarantine", rules=WORKERS),
    # Held mail belongs to no account: to sales it is as if it did not exist.
    # Held mail belongs to no account: to sales it is as if it did not exist (docs/mail.md).
    web("mail:quarantined", args={"pk": "raw:quarantined"}, rules=WORK_404),
    web("mail:raw", args={"pk": "raw:quarantined"}, rules=WORK_404),
    web("mail:raw", args={"pk": "raw:own"}),
    web("mail:raw", args={"pk": "raw:other"}, rules=OTHERS_404),
    web("mail:process", "POST", {"pk": "raw:quarantined"}, WORKERS),
    web("mail:discard", "POST", {"pk": "raw:quarantined"}, WORKERS),
    web("mail:outbox", rules=WORKERS),
    web("mail:outbox_retry", "POST", {"pk": "outbox:own"}, WORKERS),
    web("mail:contacts", rules=WORKERS),
    web("mail:place_contacts", "POST", rules=WORKERS, data={"domain": "nowhere.test"}),
    web("mail:attachment", args={"pk": "attachment:own"}),
    # Files of tickets one may not see: 404, like the tickets.
    web(
        "mail:attachment",
        args={"pk": "attachment:other"},
        rules=OTHERS_404,
    ),
    web("api:api-root", rules=rule(*[MISSING] * 8)),
    web("api:openapi-json", rules=EVERYONE),
    web("api:openapi-view", rules=EVERYONE),
]

OWN_T, OTHER_T = {"ticket_id": "ticket:own"}, {"ticket_id": "ticket:other"}
API_OTHERS_404 = but(API_OBJECT, sales=MISSING)
API_WORK_404 = but(API_WORK, sales=MISSING)
TIME_OFF = {"time_off_id": "time_off:"}
ROTATION = {"rotation_id": "rotation:"}

API: list[Case] = [
    api("GET /tickets", rules=API_LIST),
    api(
        "POST /tickets",
        rules=but(API_WORK, no_role=DENIED),
        data={"subject": "Tiles", "body": "Blank.", "requester_email": "new@ownco.test"},
    ),
    api("GET /tickets/{ticket_id}", OWN_T),
    api("GET /tickets/{ticket_id}", OTHER_T, API_OTHERS_404),
    api("PATCH /tickets/{ticket_id}", OWN_T, API_WORK, data={"priority": "high"}),
    api("PATCH /tickets/{ticket_id}", OTHER_T, API_WORK_404, data={"priority": "high"}),
    api("GET /tickets/{ticket_id}/messages", OWN_T),
    api("GET /tickets/{ticket_id}/messages", OTHER_T, API_OTHERS_404),
    # A note, which sales may leave on their own accounts' tickets (a reply they may not).
    api(
        "POST /tickets/{ticket_id}/messages",
        OWN_T,
        but(API_WORK, sales=OK),
        data={"kind": "note", "body": "Hm."},
    ),
    api(
        "POST /tickets/{ticket_id}/messages",
        OTHER_T,
        API_WORK_404,
        data={"kind": "note", "body": "Hm."},
    ),
    api("GET /tickets/{ticket_id}/events", OWN_T),
    api("GET /tickets/{ticket_id}/events", OTHER_T, API_OTHERS_404),
    api("GET /attachments/{attachment_id}", {"attachment_id": "attachment:own"}),
    api("GET /attachments/{attachment_id}", {"attachment_id": "attachment:other"}, API_OTHERS_404),
    api("GET /accounts", rules=API_LIST),
    api("POST /accounts", rules=but(API_WORK, no_role=DENIED), data={"name": "Newco"}),
    api("GET /accounts/{account_id}", {"account_id": "account:own"}),
    api("GET /accounts/{account_id}", {"account_id": "account:other"}, API_OTHERS_404),
    api("PATCH /accounts/{account_id}", {"account_id": "account:own"}, API_WORK, data={"mrr": "1"}),
    api(
        "PATCH /accounts/{account_id}",
        {"account_id": "account:other"},
        API_WORK_404,
        data={"mrr": "1"},
    ),
    api("GET /contacts", rules=API_LIST),
    api("POST /contacts", rules=but(API_WORK, no_role=DENIED), data={"email": "new@ownco.test"}),
    api("GET /contacts/{contact_id}", {"contact_id": "contact:own"}),
    api("GET /contacts/{contact_id}", {"contact_id": "contact:other"}, API_OTHERS_404),
    api(
        "PATCH /contacts/{contact_id}", {"contact_id": "contact:own"}, API_WORK, data={"name": "O"}
    ),
    api(
        "PATCH /contacts/{contact_id}",
        {"contact_id": "contact:other"},
        API_WORK_404,
        data={"name": "O"},
    ),
    api("GET /staff", rules=but(API_LIST, sales=OK)),
    api("GET /staff/{user_id}", {"user_id": "user:support"}),
    api("GET /schedule/on-shift", rules=API_STAFF),
    api("GET /schedule/handoffs", rules=but(API_STAFF, sales=OWN)),
    api("GET /schedule/coverage", rules=API_STAFF),
    api("GET /team/time-off", rules=but(API_STAFF, sales=OWN)),
    api(
        "POST /team/time-off",
        rules=but(API_STAFF, sales=DENIED),
        data={"first_day": days(20), "last_day": days(21)},
    ),
    # Support's own time off: only they and the leads may change it.
    api(
        "DELETE /team/time-off/{time_off_id}",
        TIME_OFF,
        but(API_STAFF, sales=DENIED, engineering=DENIED),
    ),
    api(
        "POST /team/time-off/{time_off_id}/tell-customers",
        TIME_OFF,
        but(API_STAFF, sales=DENIED, engineering=DENIED),
    ),
    api("GET /sla/policies", rules=API_STAFF),
    api("GET /sla/calendars", rules=API_STAFF),
    api("POST /tickets/{ticket_id}/page", OWN_T, API_WORK, data={"reason": "Down."}),
    api("POST /tickets/{ticket_id}/page", OTHER_T, API_WORK_404, data={"reason": "Down."}),
    api("POST /tickets/{ticket_id}/acknowledge", OWN_T, API_WORK),
    api("POST /tickets/{ticket_id}/acknowledge", OTHER_T, API_WORK_404),
    api("GET /tickets/{ticket_id}/paging-runs", OWN_T),
    api("GET /tickets/{ticket_id}/paging-runs", OTHER_T, API_OTHERS_404),
    api("POST /tickets/{ticket_id}/escalate", OWN_T, API_WORK, data={"level": "l2"}),
    api("POST /tickets/{ticket_id}/escalate", OTHER_T, API_WORK_404, data={"level": "l2"}),
    api("GET /paging-runs/{run_id}", {"run_id": "run:own"}),
    api("GET /paging-runs/{run_id}", {"run_id": "run:other"}, API_OTHERS_404),
    api("GET /rotations", rules=but(API_LIST, sales=OK)),
    api("GET /rotations/{rotation_id}", ROTATION),
    api("GET /rotations/{rotation_id}/shifts", ROTATION),
    api("GET /rotations/{rotation_id}/oncall", ROTATION),
    api("GET /rotations/{rotation_id}/overrides", ROTATION),
    api(
        "POST /rotations/{rotation_id}/overrides",
        ROTATION,
        API_WORK,
        data={"user_id": "user:engineering", "starts_at": at(30), "ends_at": at(34)},
    ),
    api(
        "DELETE /rotations/{rotation_id}/overrides/{override_id}",
        {**ROTATION, "override_id": "override:"},
        API_WORK,
    ),
    api("GET /escalation-policies", rules=but(API_LIST, sales=OK)),
    api("GET /escalation-policies/{policy_id}", {"policy_id": "policy:"}),
    api("GET /reports/weekly", rules=but(API_STAFF, sales=DENIED)),
    api("GET /reports/period", rules=but(API_STAFF, sales=DENIED)),
    api(
        "GET /reports/weekly/csv/{table}", {"table": "value:summary"}, but(API_STAFF, sales=DENIED)
    ),
]

# -- the admin ---------------------------------------------------------------------------

ADMIN_MODELS = [
    AdminModel("auth_group", "group:", SUPERUSER, SUPERUSER, SUPERUSER),
    AdminModel("auth_user", "user:support", SUPERUSER, SUPERUSER, SUPERUSER),
    AdminModel("team_staffprofile", "profile:", LEADS_ADMIN, LEADS_ADMIN, LEADS_ADMIN),
    # Accounts and contacts are tried on another account's: sales may not see it.
    AdminModel(
        "accounts_account",
        "account:other",
        STAFF_ADMIN,
        WORKERS_ADMIN,
        LEADS_ADMIN,
        shows_accounts=True,
    ),
    AdminModel(
        "accounts_contact",
        "contact:other",
        STAFF_ADMIN,
        WORKERS_ADMIN,
        LEADS_ADMIN,
        shows_accounts=True,
    ),
    # The event log is append-only: never deleted, events never added by hand.
    AdminModel(
        "desk_ticket", "ticket:other", STAFF_ADMIN, WORKERS_ADMIN, NOBODY, shows_accounts=True
    ),
    AdminModel("desk_ticketevent", "event:other", STAFF_ADMIN, NOBODY, NOBODY, shows_accounts=True),
    AdminModel("desk_tag", "tag:", STAFF_ADMIN, WORKERS_ADMIN, LEADS_ADMIN),
    AdminModel("sla_calendar", "calendar:", LEADS_ADMIN, LEADS_ADMIN, LEADS_ADMIN),
    AdminModel("sla_policy", "sla_policy:", LEADS_ADMIN, LEADS_ADMIN, LEADS_ADMIN),
    AdminModel("schedule_rotation", "rotation:", LEADS_ADMIN, LEADS_ADMIN, LEADS_ADMIN),
    AdminModel("schedule_layer", "layer:", LEADS_ADMIN, LEADS_ADMIN, LEADS_ADMIN),
    # Overrides, feeds and paging runs are made on the pages, where their rules are.
    AdminModel("schedule_override", "override:", LEADS_ADMIN, NOBODY, LEADS_ADMIN),
    AdminModel("schedule_calendarfeed", "feed:", LEADS_ADMIN, NOBODY, LEADS_ADMIN),
    AdminModel("paging_escalationpolicy", "policy:", LEADS_ADMIN, LEADS_ADMIN, LEADS_ADMIN),
    AdminModel("paging_webhook", "webhook:", LEADS_ADMIN, LEADS_ADMIN, LEADS_ADMIN),
    AdminModel("paging_pagingrun", "run:other", LEADS_ADMIN, NOBODY, LEADS_ADMIN),
    # Contacts' API tokens: people who work tickets see and revoke them; nobody adds or
    # deletes one here (a contact makes their own in the portal).
    AdminModel("portal_contacttoken", "contact_token:", WORKERS_ADMIN, NOBODY, NOBODY),
    # django-axes' records of log-ins and failures: the superuser's; nobody writes one.
    AdminModel("axes_accessattempt", "access_attempt:", SUPERUSER, NOBODY, SUPERUSER),
    AdminModel("axes_accesslog", "access_log:", SUPERUSER, NOBODY, SUPERUSER),
    AdminModel("axes_accessfailurelog", "access_failure_log:", SUPERUSER, NOBODY, SUPERUSER),
]


ADMIN: list[Case] = [
    *[case for spec in ADMIN_MODELS for case in admin_model_cases(spec)],
    admin("admin:index"),
    admin("admin:login", rules=EVERYONE),
    # Logging out ends on the log-in page (without a session, on the admin's index).
    admin("admin:logout", method="POST", rules=rule(OK, OK, OK, *[LOGIN] * 5)),
    admin("admin:password_change", rules=adm(OK, OK, OK, OK, OK)),
    admin("admin:password_change_done", rules=adm(OK, OK, OK, OK, OK)),
    admin("admin:auth_user_password_change", {"id": "user:support"}, SUPERUSER),
    admin("admin:jsi18n", rules=adm(OK, OK, OK, OK, OK)),
    # The people picker of the override form lists every log-in: the superuser's alone.
    admin(
        "admin:autocomplete",
        rules=SUPERUSER,
        query={
            "app_label": "value:schedule",
            "model_name": "value:override",
            "field_name": "value:user",
        },
    ),
    # Sunrelay's models have no page outside the admin to send anyone to.
    admin(
        "admin:view_on_site",
        {"content_type_id": "content_type:accounts.account", "object_id": "account:own"},
        adm(MISSING, MISSING, MISSING, MISSING, MISSING),
    ),
    admin("admin:app_list", {"app_label": "value:auth"}, adm(MISSING, MISSING, MISSING, MISSING)),
    admin("admin:app_list", {"app_label": "value:team"}, adm(MISSING, MISSING, MISSING, OK)),
    admin("admin:app_list", {"app_label": "value:accounts"}),
    admin("admin:app_list", {"app_label": "value:desk"}),
    *[
        admin("admin:app_list", {"app_label": f"value:{label}"}, adm(MISSING, MISSING, MISSING, OK))
        for label in ("sla", "schedule", "paging")
    ],
    admin(
        "admin/(?P<url>.*)$",
        {"url": "value:no-such-page/"},
        adm(MISSING, MISSING, MISSING, MISSING, MISSING),
    ),
]

CASES: list[Case] = [
    *WEB,
    *matrix_work.WEB,
    *matrix_portal.WEB,
    *API,
    *matrix_work.API,
    *matrix_portal.API,
    *ADMIN,
    # Pre-sales (tests/security/matrix_presales.py).
    *matrix_presales.WEB,
    *matrix_presales.API,
    *matrix_presales.ADMIN,
    # Projects, sprints and hours (tests/security/matrix_projects.py).
    *matrix_projects.WEB,
    *matrix_projects.API,
    # Customer engineering (docs/success.md).
    *matrix_success.WEB,
    *matrix_success.API,
    # Product feedback (docs/feedback.md).
    *matrix_feedback.WEB,
    *matrix_feedback.API,
    # Customer health (docs/health.md).
    *matrix_health.WEB,
    *matrix_health.API,
    *matrix_health.ADMIN,
    # Integrations: linked bugs, notices, the trackers' webhooks (docs/integrations.md).
    *matrix_integrations.WEB,
    *matrix_integrations.API,
    # The leadership report's figure lists and targets (docs/metrics.md).
    *matrix_reports.WEB,
    *matrix_reports.API,
    # Single sign-on and SCIM (docs/sso.md).
    *matrix_sso.WEB,
    # Moving in: the import runs (docs/migrating.md).
    *matrix_moving.WEB,
    *matrix_moving.API,
    # Slack: the set-up, the shared channels, Slack's signed endpoints (docs/slack.md).
    *matrix_slack.WEB,
    *matrix_slack.API,
]
