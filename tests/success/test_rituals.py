"""The rituals' agendas from the desk's state, and the notes of each meeting."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone

from sunrelay.desk.models import Ticket
from sunrelay.feedback import services as feedback
from sunrelay.success import forms_to_support, rituals
from sunrelay.success.models import MeetingNote
from tests.success.test_forms_to_support import REQUEST


def test_office_hours_lists_new_requests_and_interesting_tickets(ticket, engineer, agent, lead):
    row = forms_to_support.file_request(engineer, ticket=ticket, **REQUEST)
    Ticket.objects.filter(pk=ticket.pk).update(interesting=True)
    agenda = rituals.agenda("office_hours", agent)
    assert agenda["new_requests"] == [row] and agenda["interesting"] == [ticket]
    forms_to_support.decide(row, lead, status="accepted")
    assert rituals.agenda("office_hours", agent)["new_requests"] == []


def test_the_feedback_review_puts_the_themes_that_grew_first(contact, agent):
    now = timezone.now()
    for name, ages in (("Styles", [1, 2, 3]), ("Exports", [1, 9, 10]), ("Old", [30])):
        theme = feedback.create_theme(agent, name=name)
        for age in ages:
            feedback.capture(
                agent, quote=f"{name} {age}", contact=contact, theme=theme,
                at=now - timedelta(days=age),
            )  # fmt: skip
    themes = rituals.agenda("feedback_review", agent, now)["themes"]
    assert [(t.name, t.this_week, t.week_before, t.grew) for t in themes] == [
        ("Styles", 3, 0, True),
        ("Exports", 1, 2, False),
    ]
    assert themes[0].population.startswith("1 account, $16,000 MRR")


def test_notes_are_one_per_meeting_and_written_by_those_who_work_tickets(agent, sales):
    day = date(2026, 12, 7)
    rituals.save_notes("office_hours", agent, day, "Acme first.")
    rituals.save_notes("office_hours", agent, day, "Acme first, then Globe.")
    assert list(MeetingNote.objects.values_list("notes", flat=True)) == ["Acme first, then Globe."]
    with pytest.raises(PermissionDenied):
        rituals.save_notes("office_hours", sales, day, "Mine.")


def test_the_ritual_page_shows_the_agenda_and_keeps_the_notes(agent):
    client = Client()
    client.force_login(agent)
    page = client.get("/desk/success/rituals/feedback_review/")
    assert page.status_code == 200 and "Weekly feedback-theme review" in page.content.decode()
    saved = client.post("/desk/success/rituals/office_hours/", {"notes": "Globe's renewal."})
    assert saved.status_code == 302
    assert "Globe&#x27;s renewal." in client.get(saved["Location"]).content.decode()
    assert client.get("/desk/success/rituals/standup/").status_code == 404
