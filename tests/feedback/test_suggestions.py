from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sunrelay.feedback import services, suggestions
from sunrelay.feedback.models import Suggestion, SuggestionState, Theme


@pytest.fixture
def items(people, theme):
    add = services.capture
    alba = people["alba"]
    return {
        "linked": add(alba, quote="Offline maps on the mobile app", theme=theme),
        "linked2": add(alba, quote="Mobile offline maps for field crews", theme=theme),
        "loose": add(alba, quote="Offline maps on mobile, please"),
        "dark1": add(alba, quote="A dark basemap style for screens"),
        "dark2": add(alba, quote="Dark basemap style at night"),
    }


def test_refresh_suggests_the_theme_of_the_cluster_and_new_themes(items, theme):
    assert suggestions.refresh() == 3
    by_item = {s.item_id: s for s in Suggestion.objects.all()}
    assert by_item[items["loose"].pk].theme == theme
    dark = by_item[items["dark1"].pk]
    assert dark.theme is None and "basemap" in dark.proposed_name.lower()


def test_accepting_a_new_theme_creates_it_for_the_whole_cluster(people, items):
    suggestions.refresh()
    first = Suggestion.objects.get(item=items["dark1"])
    made = suggestions.accept(people["alba"], first)
    items["dark1"].refresh_from_db()
    assert items["dark1"].theme == made
    other = Suggestion.objects.get(item=items["dark2"])
    assert (other.theme, other.state) == (made, SuggestionState.PENDING)
    suggestions.accept(people["alba"], other)
    assert Theme.objects.get(pk=made.pk).items.count() == 2


def test_a_rejected_pair_is_not_suggested_again(people, items):
    suggestions.refresh()
    suggestions.reject(people["alba"], Suggestion.objects.get(item=items["loose"]))
    suggestions.refresh()
    assert Suggestion.objects.filter(item=items["loose"]).count() == 1
    with pytest.raises(ValidationError, match="already decided"):
        suggestions.accept(people["alba"], Suggestion.objects.get(item=items["loose"]))


def test_sales_may_not_decide(people, items):
    suggestions.refresh()
    with pytest.raises(PermissionDenied):
        suggestions.accept(people["sam"], Suggestion.objects.first())
