"""desk.saved_views: personal views, views a lead shares, who edits them."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sunrelay.desk import saved_views
from sunrelay.desk.models import SavedView
from tests.factories import make_staff

pytestmark = pytest.mark.django_db


def make(owner, name="Urgent enterprise", shared=False, **filters):
    return saved_views.create_view(
        owner,
        name=name,
        queue="open",
        filters=filters or {"priority": "urgent", "tier": "enterprise"},
        shared=shared,
    )


def test_a_view_is_its_owners_until_a_lead_shares_one(agent, lead, sales):
    mine = make(agent, "Mine")
    shared = make(lead, "Breached", shared=True, sla="breached")
    assert list(saved_views.visible_views(agent)) == [shared, mine]
    assert list(saved_views.visible_views(lead)) == [shared]
    assert list(saved_views.visible_views(sales)) == [shared]


def test_only_a_lead_shares(agent, lead):
    with pytest.raises(PermissionDenied):
        make(agent, shared=True)
    view = make(agent)
    with pytest.raises(PermissionDenied):
        saved_views.update_view(view, agent, shared=True)
    assert SavedView.objects.get(pk=view.pk).shared is False


def test_the_owner_edits_and_a_lead_edits_shared_views(agent, lead):
    other_lead = make_staff("leo", roles=["lead"])
    shared = make(lead, "Team view", shared=True)
    personal = make(lead, "Lead's own")
    saved_views.update_view(shared, other_lead, name="Team view (renamed)")
    with pytest.raises(PermissionDenied):
        saved_views.update_view(personal, other_lead, name="Taken over")
    with pytest.raises(PermissionDenied):
        saved_views.update_view(shared, agent, name="Mine now")
    with pytest.raises(PermissionDenied):
        saved_views.delete_view(shared, agent)
    saved_views.delete_view(shared, other_lead)
    assert list(SavedView.objects.values_list("name", flat=True)) == ["Lead's own"]


def test_a_view_shared_by_someone_no_longer_a_lead_can_still_be_renamed_by_them(lead):
    shared = make(lead, shared=True)
    lead.staff_roles.filter(role="lead").delete()
    lead.__dict__.pop("_sunrelay_roles", None)
    saved_views.update_view(shared, lead, name="Still shared")
    assert SavedView.objects.get(pk=shared.pk).shared is True


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"name": "  "}, "name"),
        ({"name": "x" * 81}, "name"),
        ({"name": "two\nlines"}, "name"),
        ({"queue": "nope"}, "queue"),
        ({"filters": {"password": "x"}}, "filters"),
        ({"filters": {"q": "x" * 201}}, "filters"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_values_are_refused_in_words(agent, fields, field):
    view = make(agent)
    with pytest.raises(ValidationError) as refused:
        saved_views.update_view(view, agent, **fields)
    assert field in refused.value.message_dict


def test_names_are_unique_per_owner(agent, lead):
    make(agent, "Mine")
    make(lead, "Mine")  # another owner may use it
    with pytest.raises(ValidationError) as refused:
        make(agent, "Mine")
    assert "already a view called 'Mine'" in refused.value.message_dict["name"][0]


def test_empty_filters_drop_out_and_values_are_kept_as_text(agent):
    view = make(agent, q="", priority="high", tag="loop", status=None)
    assert view.filters == {"priority": "high", "tag": "loop"}


def test_people_without_a_role_save_nothing_and_see_nothing(outsider, lead):
    make(lead, shared=True)
    assert list(saved_views.visible_views(outsider)) == []
    with pytest.raises(PermissionDenied):
        make(outsider)
