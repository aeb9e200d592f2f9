"""The demo's pre-sales quarter, written through the services: exact counts for the seed."""

from __future__ import annotations

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command

from sunrelay.presales.models import Assignment, Engagement, Feedback, Opportunity, SeRequest
from tests.demo.conftest import SMALL_ARGS

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_quarter_of_opportunities():
    call_command("demo", *SMALL_ARGS, "--quiet", stdout=StringIO())
    # The small demo's nine Pro, Enterprise and Partner accounts with an AE, one each.
    stages = Counter(Opportunity.objects.values_list("stage", flat=True))
    assert stages == {"won": 3, "lost": 2, "evaluation": 3, "discovery": 1}
    assert SeRequest.objects.count() == 8  # all but the one still being qualified
    assert Assignment.objects.count() == 7  # all but one request still waiting
    assert Engagement.objects.filter(kind="poc").count() == 7
    assert Engagement.objects.filter(kind="demo").count() == 7
    assert Feedback.objects.count() == 14  # both ways after each demo
    won = Opportunity.objects.filter(stage="won")
    assert all(o.credited_se_id == o.se_id is not None for o in won)
    assert not Opportunity.objects.filter(stage="lost", credited_se__isnull=False).exists()
    call_command("demo", *SMALL_ARGS, "--quiet", stdout=StringIO())
    assert Opportunity.objects.count() == 9
