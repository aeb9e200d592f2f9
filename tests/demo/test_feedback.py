"""The demo's product feedback: the labelled sample as items, two thirds linked, suggestions
for the rest, two themes growing this week, and nothing new on a second run."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from sunrelay.feedback import ranking
from sunrelay.feedback.models import FeedbackItem, Suggestion, Theme
from tests.demo.conftest import ANCHOR, SMALL_ARGS

pytestmark = pytest.mark.django_db


def test_the_demo_has_feedback_that_makes_sensible_themes():
    call_command("demo", *SMALL_ARGS, "--quiet", stdout=StringIO())
    assert FeedbackItem.objects.count() == 54 and Theme.objects.count() == 6
    assert FeedbackItem.objects.filter(theme__isnull=True).count() == 18
    right = sum(
        1
        for s in Suggestion.objects.filter(theme__isnull=False).select_related("item", "theme")
        if any(s.item.quote in quotes for name, (_, quotes) in _themes() if name == s.theme.name)
    )
    assert right == Suggestion.objects.filter(theme__isnull=False).count() >= 14
    grew = {r.theme.name for r in ranking.growing(User.objects.get(username="marta"), ANCHOR)}
    assert {"Offline maps on mobile", "Single sign-on with SAML"} <= grew
    call_command("demo", *SMALL_ARGS, "--quiet", stdout=StringIO())
    assert FeedbackItem.objects.count() == 54


def _themes():
    from sunrelay.demo.feedback_sample import THEMES

    return THEMES.items()
