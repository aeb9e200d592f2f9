"""Saved views in the workspace: save a queue's filters, open, update, rename, delete."""

from __future__ import annotations

import re

import pytest

from sunrelay.desk.models import SavedView
from tests.factories import make_ticket

pytestmark = pytest.mark.django_db


@pytest.fixture
def tickets(contact):
    return {
        "urgent": make_ticket(contact, "Map down", priority="urgent"),
        "low": make_ticket(contact, "A question", priority="low"),
    }


def save(client, name, query, queue="open", **extra):
    return client.post(
        "/desk/views/", {"name": name, "queue": queue, "query": query, **extra}, follow=True
    )


def test_it_saves_the_queues_filters_and_sort_and_opens_them_again(client, agent, tickets):
    client.force_login(agent)
    response = save(client, "Urgent by subject", "priority=urgent&sort=subject&page=2&bogus=1")
    view = SavedView.objects.get()
    assert (view.owner, view.queue, view.shared) == (agent, "open", False)
    assert view.filters == {"priority": "urgent", "sort": "subject"}
    html = response.content.decode()
    assert "Saved the view Urgent by subject." in html
    assert "<h1>Urgent by subject</h1>" in html
    assert f'data-href="/desk/tickets/{tickets["urgent"].pk}/"' in html
    assert f'data-href="/desk/tickets/{tickets["low"].pk}/"' not in html
    # In the navigation, current; its queue is not.
    nav = re.search(r'<nav class="queues".*?</nav>', html, re.S).group(0)
    assert re.search(rf'href="/desk/views/{view.pk}/" aria-current="page"', nav)
    assert 'href="/desk/queues/open/" aria-current' not in nav
    opened = client.get(f"/desk/views/{view.pk}/")
    assert opened["Location"] == f"/desk/queues/open/?priority=urgent&sort=subject&view={view.pk}"
    assert "filters changed" not in html and "Save filters to this view" not in html
    # The browser's filter form sends the default status too: still the view's own filters.
    same = client.get(f"{opened['Location']}&status=unsolved&q=").content.decode()
    assert "filters changed" not in same
    changed = client.get(f"{opened['Location']}&level=l2").content.decode()
    assert "filters changed, not saved" in changed and "Save filters to this view" in changed


def test_a_bad_filter_is_not_saved(client, agent):
    client.force_login(agent)
    save(client, "Odd", "priority=bogus&level=l2")
    assert SavedView.objects.get().filters == {"level": "l2"}


def test_a_refused_name_says_why_and_saves_nothing(client, agent):
    client.force_login(agent)
    save(client, "Mine", "level=l2")
    response = save(client, "Mine", "level=l1")
    assert "The view was not saved: There is already a view called" in response.content.decode()
    assert SavedView.objects.count() == 1


def test_a_lead_shares_a_view_with_everyone(client, lead, agent, tickets):
    client.force_login(lead)
    page = client.get("/desk/queues/open/").content.decode()
    assert 'name="shared"' in page
    save(client, "Team: urgent", "priority=urgent", shared="on")
    client.force_login(agent)
    page = client.get("/desk/queues/open/").content.decode()
    assert 'name="shared"' not in page  # agents keep views to themselves
    assert "Team: urgent" in page and "Shared with everyone by Lucia" in page
    view = SavedView.objects.get()
    html = client.get(f"/desk/queues/open/?priority=urgent&view={view.pk}").content.decode()
    assert "Save filters to this view" not in html  # only the owner or a lead edits it
    assert client.get(f"/desk/views/{view.pk}/edit/").status_code == 403


def test_the_owner_saves_new_filters_renames_and_deletes(client, agent, tickets):
    client.force_login(agent)
    save(client, "Mine", "priority=urgent")
    view = SavedView.objects.get()
    response = client.post(
        f"/desk/views/{view.pk}/filters/",
        {"queue": "unassigned", "query": f"priority=low&view={view.pk}"},
    )
    view.refresh_from_db()
    assert (view.queue, view.filters) == ("unassigned", {"priority": "low"})
    assert response["Location"] == f"/desk/queues/unassigned/?priority=low&view={view.pk}"
    edit = client.get(f"/desk/views/{view.pk}/edit/").content.decode()
    assert "<dt>Priority</dt><dd>Low</dd>" in edit
    response = client.post(f"/desk/views/{view.pk}/edit/", {"name": "  "})
    assert response.status_code == 422
    assert client.post(f"/desk/views/{view.pk}/edit/", {"name": "Low ones"}).status_code == 302
    assert SavedView.objects.get().name == "Low ones"
    response = client.post(f"/desk/views/{view.pk}/delete/")
    assert response["Location"] == "/desk/queues/unassigned/"
    assert not SavedView.objects.exists()


def test_views_of_others_are_not_found(client, agent, lead):
    client.force_login(lead)
    save(client, "Lead's own", "level=l2")
    view = SavedView.objects.get()
    client.force_login(agent)
    for url in (f"/desk/views/{view.pk}/", f"/desk/views/{view.pk}/edit/"):
        assert client.get(url).status_code == 404
    assert client.post(f"/desk/views/{view.pk}/delete/").status_code == 404
    assert "Lead&#x27;s own" not in client.get("/desk/").content.decode()


def test_the_overview_lists_the_views(client, agent):
    client.force_login(agent)
    save(client, "Engineering level", "level=engineering")
    html = client.get("/desk/").content.decode()
    assert "Engineering level" in html and "yours" in html
