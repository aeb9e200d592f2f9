from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sunrelay.desk import services as desk
from sunrelay.feedback import access, services
from sunrelay.feedback.models import FeedbackItem, Source
from tests.factories import make_ticket


def test_capture_takes_account_and_contact_from_the_ticket(people, contacts):
    ticket = make_ticket(contacts["ana"], subject="Offline", body="We need offline maps.")
    item = services.capture(people["alba"], quote="  We need offline maps. ", ticket=ticket)
    assert (item.account, item.contact, item.quote) == (
        contacts["ana"].account,
        contacts["ana"],
        "We need offline maps.",
    )


def test_capture_refuses_empty_words_and_foreign_contacts(people, accounts, contacts):
    with pytest.raises(ValidationError, match="own words"):
        services.capture(people["alba"], quote="   ")
    with pytest.raises(ValidationError, match="another account"):
        services.capture(
            people["alba"], quote="x", account=accounts["other"], contact=contacts["ana"]
        )
    assert not FeedbackItem.objects.exists()


def test_sales_and_no_role_may_not_capture(people):
    with pytest.raises(PermissionDenied):
        services.capture(people["sam"], quote="Offline maps")


def test_sales_see_only_their_accounts_items(people, contacts):
    for contact in contacts.values():
        services.capture(people["alba"], quote="Offline maps", contact=contact)
    assert access.visible_items(people["sam"]).count() == 1
    assert access.visible_items(people["alba"]).count() == 3


def test_theme_names_are_unique_whatever_the_case(people, theme):
    with pytest.raises(ValidationError, match="already a theme"):
        services.create_theme(people["alba"], name="offline MAPS")


def test_solving_a_feature_request_captures_its_first_words_once(people, contacts):
    ticket = make_ticket(contacts["olaf"], subject="Ask", body="Please add a dark basemap.")
    desk.update_ticket(ticket, people["alba"], status="solved", cause="feature_request")
    ticket.refresh_from_db()
    desk.update_ticket(ticket, people["alba"], status="open")
    desk.update_ticket(ticket, people["alba"], status="solved")
    items = list(FeedbackItem.objects.filter(ticket=ticket))
    assert [(i.source, i.quote, i.account_id) for i in items] == [
        (Source.TICKET, "Please add a dark basemap.", contacts["olaf"].account_id)
    ]


def test_a_question_solved_is_not_feedback(people, contacts):
    ticket = make_ticket(contacts["olaf"])
    desk.update_ticket(ticket, people["alba"], status="solved", cause="question")
    assert not FeedbackItem.objects.exists()


def test_link_and_unlink(people, contacts, theme):
    item = services.capture(people["alba"], quote="Offline tiles", contact=contacts["ana"])
    services.link(people["alba"], item, theme)
    assert (item.theme, item.linked_by) == (theme, people["alba"])
    services.link(people["alba"], item, None)
    assert item.theme is None and item.linked_by is None


def test_rice_fields_are_checked(people, theme):
    with pytest.raises(ValidationError):
        services.update_theme(people["alba"], theme, confidence=140)
    services.update_theme(people["alba"], theme, reach=500, impact=2, confidence=80, effort=4)


def test_items_keep_their_time(people):
    at = timezone.now() - timedelta(days=3)
    assert services.capture(people["alba"], quote="x", at=at).created_at == at
