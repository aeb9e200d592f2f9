from django.contrib import admin
from django.urls import include, path

from sunrelay.integrations import metrics_views
from sunrelay.paging.link_views import acknowledge_link
from sunrelay.schedule.rotations.views import calendar_feed
from sunrelay.sso import login_views as sso_login
from sunrelay.web import views as web_views
from sunrelay.web.palette_views import palette_items

handler400 = "sunrelay.web.views.bad_request"
handler404 = "sunrelay.web.views.not_found"
handler500 = "sunrelay.web.views.server_error"

urlpatterns = [
    path("", web_views.home, name="home"),
    path("healthz", web_views.healthz, name="healthz"),
    # The log-in page and logout know single sign-on (docs/sso.md).
    path("login/", sso_login.Login.as_view(), name="login"),
    path("logout/", sso_login.logout, name="logout"),
    path("desk/palette/", palette_items, name="palette"),
    path("desk/", include("sunrelay.desk.urls")),
    # Settings: the daily administration, each app's pages under one roof (web.settings_views).
    path("desk/settings/", include("sunrelay.web.settings_urls")),
    path("desk/settings/tokens/", include("sunrelay.api.token_urls")),
    path("desk/settings/people/", include("sunrelay.team.people_urls")),
    path("desk/settings/sla/", include("sunrelay.sla.settings_urls")),
    path("desk/settings/rotations/", include("sunrelay.schedule.rotations.settings_urls")),
    path("desk/settings/paging/", include("sunrelay.paging.settings_urls")),
    path("desk/", include("sunrelay.accounts.urls")),
    path("desk/", include("sunrelay.schedule.urls")),
    path("desk/", include("sunrelay.team.urls")),
    path("desk/", include("sunrelay.schedule.rotations.urls")),
    path("desk/", include("sunrelay.paging.urls")),
    path("desk/", include("sunrelay.notify.urls")),
    path("desk/reports/", include("sunrelay.reports.urls")),
    path("desk/search/", include("sunrelay.search.urls")),
    path("desk/", include("sunrelay.kb.urls")),
    path("desk/", include("sunrelay.kb.ticket_urls")),
    path("desk/", include("sunrelay.csat.ticket_urls")),
    # Pre-sales: opportunities, SE requests, engagements (docs/presales.md).
    path("desk/", include("sunrelay.presales.urls")),
    # Product feedback and themes (docs/feedback.md); the read-only share page has no log-in.
    path("desk/feedback/", include("sunrelay.feedback.urls")),
    path("shared/feedback/", include("sunrelay.feedback.shared_urls")),
    path("mail/", include("sunrelay.mail.urls")),
    # Customer engineering (docs/success.md): account teams, the forms to support.
    path("desk/success/", include("sunrelay.success.urls")),
    path("desk/", include("sunrelay.success.ticket_urls")),
    # Customer health (docs/health.md): scores, what moved, alerts, telemetry import.
    path("desk/health/", include("sunrelay.health.urls")),
    path("desk/", include("sunrelay.qa.ticket_urls")),
    # Projects, sprints and hours (docs/projects.md); the ticket page's time panel.
    path("desk/projects/", include("sunrelay.projects.urls")),
    path("desk/", include("sunrelay.projects.ticket_urls")),
    path("desk/", include("sunrelay.feedback.ticket_urls")),
    # Integrations (docs/integrations.md): linked bugs; the trackers' webhooks (signed, no log-in).
    path("desk/integrations/", include("sunrelay.integrations.urls")),
    path("desk/", include("sunrelay.integrations.ticket_urls")),
    path("hooks/", include("sunrelay.integrations.hook_urls")),
    # Moving in (docs/migrating.md): the import runs, for leads.
    path("desk/imports/", include("sunrelay.moving.urls")),
    path("metrics", metrics_views.scrape, name="metrics"),  # Prometheus; a token guards it
    path("qa/", include("sunrelay.qa.urls")),
    # Slack (docs/slack.md): the settings page; Slack's signed requests (no log-in).
    path("desk/settings/slack/", include("sunrelay.slack.urls")),
    path("slack/", include("sunrelay.slack.endpoint_urls")),
    path("desk/", include("sunrelay.slack.account_urls")),
    path("desk/settings/slack-notifications/", include("sunrelay.slack.notification_urls")),
    # The public help centre: public articles, no log-in.
    path("help/", include("sunrelay.kb.help_urls")),
    # The customer portal and the web form: contacts sign in with an e-mail link.
    path("portal/", include("sunrelay.portal.urls")),
    # Satisfaction links from mail: a signed token, no log-in (csat.link_views).
    path("csat/", include("sunrelay.csat.link_urls")),
    # Paging links from mail and chat: a signed token, no log-in (paging.link_views).
    path("ack/<str:token>/", acknowledge_link, name="paging_ack"),
    # Calendar apps subscribe without a log-in: the secret token is the credential.
    path("calendars/<str:token>.ics", calendar_feed, name="calendar_feed"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("sunrelay.api.urls")),
    # Single sign-on's trip and its leads' page; SCIM provisioning with its own token.
    path("", include("sunrelay.sso.urls")),
    path("scim/v2/", include("sunrelay.sso.scim_urls")),
]
