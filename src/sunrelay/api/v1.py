"""The /api/v1/ NinjaAPI: auth, error shapes and the routers of each domain."""

from __future__ import annotations

from ninja import NinjaAPI
from ninja.errors import ValidationError, ValidationErrorContext

from sunrelay.api import (
    accounts,
    conflicts,
    contacts,
    errors,
    messages,
    schedule,
    sla,
    staff,
    team,
    tickets,
)
from sunrelay.api import bulk as bulk_api
from sunrelay.api import csat as csat_api
from sunrelay.api import feedback as feedback_api
from sunrelay.api import feedback_loop as feedback_loop_api
from sunrelay.api import handoffs as handoffs_api
from sunrelay.api import health as health_api
from sunrelay.api import imports as imports_api
from sunrelay.api import kb as kb_api
from sunrelay.api import merging as merging_api
from sunrelay.api import notifications as notifications_api
from sunrelay.api import paging as paging_api
from sunrelay.api import portal as portal_api
from sunrelay.api import presales as presales_api
from sunrelay.api import projects as projects_api
from sunrelay.api import reports as reports_api
from sunrelay.api import rituals as rituals_api
from sunrelay.api import rotations as rotations_api
from sunrelay.api import saved_views as saved_views_api
from sunrelay.api import search as search_api
from sunrelay.api import slack as slack_api
from sunrelay.api import success as success_api
from sunrelay.api import ticket_links as ticket_links_api
from sunrelay.api import webhooks as webhooks_api
from sunrelay.api.auth import AUTH


class SunrelayAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return errors.document(schema)

    def validation_error_from_error_contexts(
        self, error_contexts: list[ValidationErrorContext]
    ) -> ValidationError:
        # Error locations name the field a client sent, never a handler's argument: ninja puts
        # the body argument into body errors (["body", "payload", "subject"]) and leaves the
        # schema argument in errors of list query parameters (["query", "filters", "status", 0]).
        # Cleaned, pydantic's and the services' errors share one shape: ["body", "subject"].
        details = []
        for context in error_contexts:
            model = context.model
            flattened = getattr(model, "__ninja_flatten_map_reverse__", {})
            argument = getattr(model, "__read_from_single_attr__", None)
            for item in super().validation_error_from_error_contexts([context]).errors:
                source, *rest = item["loc"]
                loc = _unflatten(tuple(rest), flattened)
                if argument and loc[:1] == (argument,):
                    loc = loc[1:]
                item["loc"] = (source, *loc)
                details.append(item)
        return ValidationError(details)


def _unflatten(loc: tuple, flattened: dict[tuple, tuple]) -> tuple:
    for size in range(len(loc), 0, -1):
        if loc[:size] in flattened:
            return flattened[loc[:size]] + loc[size:]
    return loc


api = SunrelayAPI(
    title="Sunrelay API",
    version="1",
    urls_namespace="api",
    auth=AUTH,
    description=(
        "Send `Authorization: Bearer <token>` (`sunrelay token create USERNAME`), or use the "
        "session of a logged-in browser (with its CSRF token on writes). The /portal/ "
        "endpoints are for customers: they take a contact's token (srp_…) and nothing else."
    ),
)
errors.install(api)
conflicts.install(api)
# Before the ticket router: /tickets/bulk is no ticket id.
api.add_router("/tickets", bulk_api.router)
api.add_router("/tickets", tickets.router)
api.add_router("/tickets", messages.router)
api.add_router("/attachments", messages.attachments)
api.add_router("/accounts", accounts.router)
api.add_router("/contacts", contacts.router)
api.add_router("/staff", staff.router)
api.add_router("/schedule", schedule.router)
api.add_router("/team", team.router)
api.add_router("/sla", sla.router)
api.add_router("/tickets", paging_api.router)
api.add_router("/tickets", merging_api.router)
api.add_router("/tickets", handoffs_api.router)
api.add_router("/paging-runs", paging_api.runs)
api.add_router("/rotations", rotations_api.router)
api.add_router("/escalation-policies", rotations_api.policies)
api.add_router("/reports", reports_api.router)
api.add_router("/search", search_api.router)
# Before the articles' router: its /{article_id} would take "deflection" for an id.
api.add_router("/articles", portal_api.deflection_router)
api.add_router("/articles", kb_api.router)
api.add_router("/macros", kb_api.macros_router)
# Contacts' own tickets, with contacts' tokens only (api.portal_auth).
api.add_router("/portal", portal_api.router)
api.add_router("/views", saved_views_api.router)
api.add_router("/notifications", notifications_api.router)
api.add_router("/csat", csat_api.router)
# Pre-sales (docs/presales.md).
api.add_router("/opportunities", presales_api.router)
api.add_router("/se-requests", presales_api.requests_router)
api.add_router("/engagements", presales_api.engagements_router)
api.add_router("/se-capacity", presales_api.capacity_router)
# Customer engineering (docs/success.md).
api.add_router("/account-teams", success_api.teams_router)
api.add_router("/support-requests", success_api.requests_router)
api.add_router("/tickets", success_api.context_router)
api.add_router("/account-teams", rituals_api.cadence_router)
api.add_router("/rituals", rituals_api.rituals_router)
# Product feedback and themes (docs/feedback.md).
api.add_router("/feedback", feedback_api.router)
# Suggestions, a theme's status and its shipped notice; before the themes' router, whose
# /{theme_id} would take "suggestions" for an id.
api.add_router("/themes", feedback_loop_api.router)
api.add_router("/themes", feedback_api.themes_router)
# Projects, sprints and hours (docs/projects.md).
api.add_router("/projects", projects_api.router)
api.add_router("/time-entries", projects_api.entries_router)
api.add_router("/account-budgets", projects_api.budgets_router)
# Customer health (docs/health.md).
api.add_router("/accounts", health_api.account_router)
api.add_router("/health", health_api.router)
api.add_router("/telemetry", health_api.telemetry_router)
# Outgoing webhooks for ticket events (docs/integrations.md).
api.add_router("/webhooks", webhooks_api.router)
# Typed links to log searches, error trackers and dashboards (docs/integrations.md).
api.add_router("/tickets", ticket_links_api.router)
api.add_router("/link-patterns", ticket_links_api.patterns)
# Moving in: the runs of `sunrelay import` (docs/migrating.md).
api.add_router("/imports", imports_api.router)
# Slack's shared channels and their accounts (docs/slack.md).
api.add_router("/slack", slack_api.router)
