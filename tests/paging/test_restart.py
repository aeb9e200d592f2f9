"""A worker killed mid-escalation: the next one continues without paging anyone twice or
skipping a step."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine

from sunrelay.paging import services, steps
from sunrelay.paging.models import EscalationPolicy, PagingNotification, PagingRun, StepKind
from tests.paging.conftest import T0, add_steps
from tests.paging.helpers import paged_addresses, run_worker

KAI, NOA, BOSS = "kai@sunrelay.test", "noa@sunrelay.test", "boss@sunrelay.test"


def at(minutes: float):
    return time_machine.travel(T0 + timedelta(minutes=minutes), tick=False)


@pytest.fixture
def everyone(oncall_team, oncall_rotation):
    """One step naming three people, then the person on call."""
    policy = EscalationPolicy.objects.create(name="Everyone", is_default=True)
    return add_steps(
        policy,
        (StepKind.NOTIFY_PEOPLE, [oncall_team["kai"], oncall_team["noa"], oncall_team["boss"]]),
        (StepKind.NOTIFY_ON_CALL, oncall_rotation),
    )


def test_a_worker_that_died_after_claiming_holds_the_run_until_its_lease_expires(
    policy, ticket, agent, settings
):
    with at(0):
        services.page(ticket, agent, "Outage")
        claimed = steps.claim()  # ... and the worker is killed here
        assert claimed is not None
        assert run_worker() == 0  # another worker sees nothing it may take
    assert paged_addresses() == []
    with at(settings.PAGING_LEASE_SECONDS / 60 + 0.01):
        run_worker()
    assert paged_addresses() == [KAI]


def test_the_paging_lease_is_the_configured_one(policy, ticket, agent, settings):
    settings.PAGING_LEASE_SECONDS = 30
    with at(0):
        services.page(ticket, agent, "Outage")
        assert steps.claim() is not None  # ... and the worker is killed here
    with at(0.5):  # exactly the lease: still held
        assert run_worker() == 0
    with at(0.51):
        run_worker()
    assert paged_addresses() == [KAI]


def test_a_worker_killed_halfway_through_a_step_sends_the_rest_once(
    everyone, ticket, agent, monkeypatch
):
    real_notify = steps.notify
    sent = []

    def dies_after_two(*args, **kwargs):
        if len(sent) == 2:
            raise SystemExit("killed")  # the process dies between two notifications
        sent.append(args[4].key)
        return real_notify(*args, **kwargs)

    with at(0):
        services.page(ticket, agent, "Outage")
        monkeypatch.setattr(steps, "notify", dies_after_two)
        with pytest.raises(SystemExit):
            run_worker()
        monkeypatch.setattr(steps, "notify", real_notify)
        assert paged_addresses() == [KAI, NOA]
        run_worker()  # restarted at once: the dead worker's claim still holds
        assert paged_addresses() == [KAI, NOA]
    with at(3):  # lease expired: the step runs again, sends only what was missing
        run_worker()
    assert paged_addresses() == [KAI, NOA, BOSS, KAI]  # then the on-call step, not skipped
    assert PagingNotification.objects.count() == 4
    assert PagingRun.objects.get().state == "exhausted"


def test_a_worker_killed_after_a_step_but_before_moving_on_does_not_repeat_it(
    everyone, ticket, agent, monkeypatch
):
    real_move = steps._move

    def dies(*args, **kwargs):
        raise SystemExit("killed")

    with at(0):
        services.page(ticket, agent, "Outage")
        run = PagingRun.objects.get()
        monkeypatch.setattr(steps, "_move", dies)
        with pytest.raises(SystemExit):
            run_worker()
        monkeypatch.setattr(steps, "_move", real_move)
    assert paged_addresses() == [KAI, NOA, BOSS]
    run.refresh_from_db()
    assert run.step_index == 0  # the move was lost with the worker
    with at(3):
        run_worker()
    assert paged_addresses() == [KAI, NOA, BOSS, KAI]


def test_two_workers_racing_for_one_run_notify_once(everyone, ticket, agent):
    with at(0):
        services.page(ticket, agent, "Outage")
        first = steps.claim()
        second = steps.claim()
    assert first is not None and second is None
    with at(0):
        steps.process(*first, T0)
    assert paged_addresses() == [KAI, NOA, BOSS]
    # A worker whose claim was taken over (it outlived its lease) stops: the claim is not its.
    run, token = first
    with at(0):
        steps.process(PagingRun.objects.get(pk=run.pk), token, T0)
        steps.process(run, token, T0)
    assert paged_addresses() == [KAI, NOA, BOSS]
