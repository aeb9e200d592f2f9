"""The demo's rotations, overrides and escalation policy."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command

from sunrelay.paging.models import EscalationPolicy, PagingRun
from sunrelay.schedule import oncall
from sunrelay.schedule.rotations.models import Override, Rotation
from tests.demo.conftest import ANCHOR, SMALL_ARGS

pytestmark = pytest.mark.django_db


def test_the_demo_has_three_rotations_a_policy_and_pages_nobody():
    call_command("demo", *SMALL_ARGS, "--quiet")
    rotations = {r.name: r for r in Rotation.objects.all()}
    assert set(rotations) == {
        "Solutions L2 (weekly)",
        "Engineering Response Team",
        "Enterprise on-call",
    }
    assert oncall.rotation_for_level("l2").name == "Solutions L2 (weekly)"
    assert oncall.rotation_for_level("engineering").name == "Engineering Response Team"
    names = {}
    for name, rotation in rotations.items():
        loaded = oncall.load(rotation, ANCHOR)
        person = loaded.resolver.who(ANCHOR)
        assert person is not None, name  # every rotation covers the anchor
        names[name] = oncall.users_by_id([person])[person].username
    assert names["Solutions L2 (weekly)"] in {"andres", "tomas"}
    assert names["Engineering Response Team"] in {"pablo", "lena"}
    # The Enterprise rotation covers the whole week; Núria's week clashes with her time off.
    enterprise = oncall.load(rotations["Enterprise on-call"], ANCHOR)
    week = oncall.timeline(enterprise, ANCHOR, ANCHOR + timedelta(days=14))
    assert all(s.person is not None for s in week)
    conflicts = {oncall.users_by_id([s.person])[s.person].username for s in week if s.conflict}
    assert conflicts == {"nuria"}
    assert Override.objects.count() == 1
    policy = EscalationPolicy.objects.get()
    assert policy.is_default and policy.steps.count() == 5
    assert not PagingRun.objects.exists()
    # Again: nothing new.
    call_command("demo", *SMALL_ARGS, "--quiet")
    assert Rotation.objects.count() == 3 and Override.objects.count() == 1
    assert EscalationPolicy.objects.count() == 1
