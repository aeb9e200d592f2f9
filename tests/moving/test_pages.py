"""The import runs page and API: leads read every run, its counts and its whole report."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sunrelay.moving.models import ImportRun

pytestmark = pytest.mark.django_db


def make_run(**fields) -> ImportRun:
    now = timezone.now()
    values = {"source": "zendesk", "location": "/srv/export", "started_at": now, "finished_at": now,
              "counts": {"tickets created": 24}, "not_mapped": ["ticket 9: <b>odd</b> status"]}  # fmt: skip
    return ImportRun.objects.create(**values | fields)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_lead_sees_the_runs_and_a_runs_report(lead, django_assert_max_num_queries):
    run = make_run()
    make_run(dry_run=True, counts={}, not_mapped=[], error="tickets.json, line 3: not JSON")
    client = signed_in(lead)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("moving:runs")).content.decode()
    assert "24 tickets created" in page and "dry run" in page
    assert "Stopped: tickets.json, line 3: not JSON" in page
    detail = client.get(reverse("moving:run", args=[run.pk])).content.decode()
    assert "&lt;b&gt;odd&lt;/b&gt; status" in detail  # the source's words, escaped


def test_others_are_refused(agent):
    run = make_run()
    client = signed_in(agent)
    assert client.get(reverse("moving:runs")).status_code == 403
    assert client.get(reverse("moving:run", args=[run.pk])).status_code == 403


def test_the_api_lists_runs_for_leads(lead):
    make_run()
    response = signed_in(lead).get("/api/v1/imports")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1 and body["items"][0]["counts"] == {"tickets created": 24}
