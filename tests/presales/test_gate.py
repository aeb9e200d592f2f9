from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sunrelay.presales import services
from sunrelay.presales.models import QualificationItem, SeRequest
from tests.presales.conftest import qualify


def ask(user, opportunity, **changes):
    fields = {
        "context": "Routing for 2,000 trucks.",
        "reasons": ["revenue", "closing_this_month"],
        "due_on": timezone.localdate() + timedelta(days=7),
        "key_people": "Ana (CTO)",
    }
    return services.request_se(user, opportunity, **(fields | changes))


def test_it_refuses_a_request_naming_the_items_missing(people, opportunity):
    services.confirm(people["sam"], opportunity, "budget")
    services.confirm(people["sam"], opportunity, "need")
    with pytest.raises(ValidationError) as refused:
        ask(people["sam"], opportunity)
    assert refused.value.messages == [
        "This opportunity is not qualified yet: confirm authority, timeline before asking "
        "for a solutions engineer."
    ]
    assert not SeRequest.objects.exists()


def test_it_takes_the_request_once_qualified(people, opportunity):
    qualify(opportunity, people["sam"])
    request = ask(people["sam"], opportunity)
    assert request.reasons == ["revenue", "closing_this_month"]
    assert request.requested_by == people["sam"]
    confirmation = opportunity.confirmations.get(item__key="budget")
    assert confirmation.confirmed_by == people["sam"]
    assert confirmation.confirmed_at is not None


def test_the_checklist_is_the_teams(people, opportunity):
    QualificationItem.objects.filter(key="timeline").update(active=False)
    QualificationItem.objects.create(key="champion", label="Champion", position=9)
    for key in ("budget", "authority", "need"):
        services.confirm(people["sam"], opportunity, key)
    with pytest.raises(ValidationError, match="confirm champion before"):
        ask(people["sam"], opportunity)
    services.confirm(people["sam"], opportunity, "champion")
    assert ask(people["sam"], opportunity).pk


def test_it_refuses_bad_fields_in_words(people, opportunity):
    qualify(opportunity, people["sam"])
    with pytest.raises(ValidationError) as refused:
        ask(people["sam"], opportunity, context=" ", reasons=["fun"], due_on=date(2020, 1, 1))
    assert refused.value.message_dict == {
        "context": ["Say what the project is about."],
        "reasons": ["Unknown reasons: fun."],
        "due_on": ["The due date is in the past."],
    }


def test_sales_ask_only_on_their_own_accounts(people, opportunity):
    qualify(opportunity, people["sam"])
    with pytest.raises(PermissionDenied):
        ask(people["otto"], opportunity)
    with pytest.raises(PermissionDenied):
        ask(people["alba"], opportunity)
    assert ask(people["sofia"], opportunity).pk
