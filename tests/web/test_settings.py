"""The settings hub and the navigation: every daily task has a page, none needs /admin/."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db

# Each model in the admin, and the desk page where its daily task is done instead.
DESK_PAGE_OF = {
    "auth.group": None,  # unused: access follows Sunrelay's roles (team.StaffRole), not groups
    "auth.user": "people:list",
    "team.staffprofile": "people:list",
    "accounts.account": "accounts:account_new",
    "accounts.contact": "accounts:contact_new",
    "desk.ticket": "desk:new_ticket",
    "desk.ticketevent": "desk:index",  # the ticket page's history
    "desk.tag": "desk:index",  # the ticket page's properties
    "sla.calendar": "sla_settings:calendar_new",
    "sla.policy": "sla_settings:policy_new",
    "schedule.rotation": "rotation_settings:new",
    "schedule.layer": "rotation_settings:list",
    "schedule.override": "rotations:list",  # each rotation's page
    "schedule.calendarfeed": "rotations:list",
    "paging.escalationpolicy": "paging_settings:policy_new",
    "paging.webhook": "paging_settings:webhook_new",
    "paging.pagingrun": "desk:index",  # the ticket page's paging panel
    "presales.qualificationitem": "presales:checklist",
    # Customer health: leads set them up from the scorecards page (docs/health.md).
    "health.scorecard": "health:scorecard_new",
    "health.alertrule": "health:rule_new",
    "portal.contacttoken": None,  # issued by the portal's log-in link, never edited
    # django-axes' log-in record: a locked-out person waits or `sunrelay axes_reset_username`
    "axes.accessattempt": None,
    "axes.accesslog": None,
    "axes.accessfailurelog": None,
}


def test_every_admin_model_has_a_desk_page():
    registered = {model._meta.label_lower for model in admin.site._registry}
    missing = registered - set(DESK_PAGE_OF)
    assert not missing, f"Give these a desk page (and docs/settings.md a line): {missing}"
    for name in DESK_PAGE_OF.values():
        if name is not None:
            reverse(name)


def test_the_more_menu_holds_the_mail_pages_and_settings(client, agent):
    client.force_login(agent)
    html = client.get("/desk/").content.decode()
    menu = html[html.index('class="more-menu"') : html.index("</details>")]
    for href in (
        "/desk/tickets/new/",
        "/mail/quarantine/",
        "/mail/outbox/",
        "/mail/contacts-without-account/",
        "/desk/settings/",
    ):
        assert f'href="{href}"' in menu


def test_sales_get_settings_without_the_mail_pages(client, sales):
    client.force_login(sales)
    html = client.get("/desk/").content.decode()
    menu = html[html.index('class="more-menu"') : html.index("</details>")]
    assert 'href="/desk/settings/"' in menu and "/mail/" not in menu


def test_the_menu_marks_the_section_you_are_in(client, agent):
    client.force_login(agent)
    html = client.get("/mail/outbox/").content.decode()
    assert '<summary aria-current="page">More</summary>' in html
    assert '<summary aria-current="page">' not in client.get("/desk/").content.decode()


def test_the_hub_links_every_section(client, lead):
    client.force_login(lead)
    html = client.get("/desk/settings/").content.decode()
    for name in (
        "tokens:list",
        "people:list",
        "sla_settings:overview",
        "rotation_settings:list",
        "paging_settings:policies",
        "paging_settings:webhooks",
        "schedule:handoff_settings",
        "settings:password",
        "presales:checklist",
    ):
        assert f'href="{reverse(name)}"' in html


def test_a_person_changes_their_password(client, agent):
    client.force_login(agent)
    response = client.post(
        "/desk/settings/password/",
        {
            "old_password": "pw-alba-1234",
            "new_password1": "a-new-long-password-7",
            "new_password2": "a-new-long-password-7",
        },
    )
    assert response.status_code == 302
    assert client.get("/desk/").status_code == 200  # still logged in
    agent.refresh_from_db()
    assert agent.check_password("a-new-long-password-7")
    response = client.post("/desk/settings/password/", {"old_password": "wrong"})
    assert response.status_code == 422
