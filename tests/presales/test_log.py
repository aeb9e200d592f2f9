from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sunrelay.presales import access, services
from sunrelay.presales.engagements import give_feedback, log_engagement
from sunrelay.presales.history import support_history
from sunrelay.presales.models import Opportunity
from tests.factories import make_account, make_contact, make_ticket
from tests.presales.conftest import TODAY, qualify


def test_a_poc_states_its_success_criteria(people, opportunity):
    with pytest.raises(ValidationError) as refused:
        log_engagement(people["sofia"], opportunity, kind="poc", title="PoC", starts_on=TODAY)
    assert refused.value.message_dict == {
        "success_criteria": ["A proof of concept needs its success criteria."]
    }
    with pytest.raises(PermissionDenied):
        log_engagement(people["alba"], opportunity, kind="demo", title="D", starts_on=TODAY)


def test_feedback_goes_both_ways_once_each(people, opportunity):
    services.assign(people["lucia"], opportunity, people["sofia"])
    meeting = log_engagement(
        people["sam"], opportunity, kind="meeting", title="Kick-off", starts_on=TODAY
    )
    to_se = give_feedback(people["sam"], meeting, worked="Clear demo.", change="Shorter intro.")
    to_ae = give_feedback(people["sofia"], meeting, worked="Good framing of the budget.")
    assert (to_se.direction, to_ae.direction) == ("ae_to_se", "se_to_ae")
    with pytest.raises(ValidationError, match="already given"):
        give_feedback(people["sam"], meeting, worked="Again.")
    with pytest.raises(PermissionDenied):
        give_feedback(people["lucia"], meeting, worked="I was not there.")


def test_the_request_carries_the_support_history(people, account, opportunity):
    olivia = make_contact("Olivia", "olivia@ownco.test", account=account, skill="beginner")
    make_contact("Omar", "omar@ownco.test", account=account, skill="advanced")
    make_contact("Oona", "oona@ownco.test", account=account, skill="beginner")
    ticket = make_ticket(olivia, subject="Tiles blank")
    qualify(opportunity, people["sam"])
    request = services.request_se(
        people["sam"], opportunity, context="Fleet", reasons=["revenue"], due_on=date(2099, 1, 1)
    )
    history = support_history(account, request.requested_at)
    assert [(line.ticket, line.is_open) for line in history.tickets] == [(ticket, True)]
    assert history.tickets[0].sla_state in {"ok", ""}
    assert history.skills == [("Beginner", 2), ("Advanced", 1)]
    assert history.past_requests == [request]


def test_sales_see_only_their_accounts_opportunities(people, opportunity):
    other = make_account("Otherco Rail", ae=people["otto"])
    services.create_opportunity(people["otto"], account=other, name="Rail")

    def names(who):
        return sorted(access.visible_opportunities(people[who]).values_list("name", flat=True))

    assert names("sam") == ["Ownco routing"]
    assert names("alba") == names("sofia") == ["Ownco routing", "Rail"]
    assert Opportunity.objects.count() == 2
    with pytest.raises(PermissionDenied):
        services.create_opportunity(people["sam"], account=other, name="Not mine")
    with pytest.raises(PermissionDenied):
        services.create_opportunity(people["alba"], account=other, name="Support cannot")
