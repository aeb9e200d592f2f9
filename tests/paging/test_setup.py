"""Escalation policies and webhooks set up on the settings pages, through paging.setup."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sunrelay.paging import setup
from sunrelay.paging.models import EscalationPolicy, StepKind, Webhook
from sunrelay.paging.setup import Step
from tests.paging.conftest import build_rotation, build_team

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(db):
    return build_team()


@pytest.fixture
def rotation(team):
    return build_rotation(team)


@pytest.fixture
def hook(lead):
    return setup.save_webhook(
        lead, None, name="#support-urgent", kind="slack", url="https://chat.example/hook"
    )


def test_a_lead_sets_up_a_policy_with_its_steps_in_order(lead, team, rotation, hook):
    policy = setup.save_policy(
        lead,
        None,
        name="Urgent",
        repeat_times=1,
        is_default=True,
        steps=[
            Step(StepKind.NOTIFY_ON_CALL, rotation=rotation),
            Step(StepKind.WAIT, wait_minutes=5),
            Step(StepKind.NOTIFY_PEOPLE, people=(team["boss"],)),
            Step(StepKind.NOTIFY_WEBHOOK, webhook=hook),
        ],
    )
    steps = list(policy.steps.order_by("position"))
    assert [s.kind for s in steps] == ["notify_on_call", "wait", "notify_people", "notify_webhook"]
    assert steps[0].rotation == rotation and steps[1].wait_minutes == 5
    assert list(steps[2].people.all()) == [team["boss"]]
    other = setup.save_policy(
        lead,
        None,
        name="Quiet",
        is_default=True,
        steps=[Step(StepKind.NOTIFY_WEBHOOK, webhook=hook)],
    )
    assert list(EscalationPolicy.objects.filter(is_default=True)) == [other]


def test_policy_rules_refuse_in_words(lead, sales):
    with pytest.raises(ValidationError) as exc:
        setup.save_policy(
            lead,
            None,
            name="",
            steps=[
                Step(StepKind.WAIT, wait_minutes=0),
                Step(StepKind.NOTIFY_ON_CALL),
                Step(StepKind.NOTIFY_PEOPLE, people=(sales,)),
            ],
        )
    errors = exc.value.message_dict
    assert errors["steps"] == [
        "Step 1: Say how many minutes to wait (1 or more).",
        "Step 2: Pick the rotation whose person on call is notified.",
        "Step 3: Sam cannot be paged: only active support staff are.",
    ]
    with pytest.raises(ValidationError, match="needs a step that notifies"):
        setup.save_policy(lead, None, name="Waits", steps=[Step(StepKind.WAIT, wait_minutes=5)])


def test_webhooks_take_http_addresses_and_stay_while_a_policy_uses_them(lead, hook):
    with pytest.raises(ValidationError) as exc:
        setup.save_webhook(lead, None, name="x", kind="json", url="ftp://files.example/x")
    assert "url" in exc.value.message_dict
    setup.save_policy(lead, None, name="Chat", steps=[Step(StepKind.NOTIFY_WEBHOOK, webhook=hook)])
    with pytest.raises(ValidationError, match="Chat posts to #support-urgent"):
        setup.delete_webhook(lead, hook)
    secret = hook.secret
    assert setup.new_webhook_secret(lead, hook).secret != secret


def test_only_leads_set_up_paging(agent):
    with pytest.raises(PermissionDenied):
        setup.save_webhook(agent, None, name="x", kind="slack", url="https://x.example")


# The pages


def test_a_lead_saves_a_policy_on_its_page(client, lead, team, rotation, hook):
    client.force_login(lead)
    form = client.get("/desk/settings/paging/escalation/new/").content.decode()
    assert 'name="step_1_kind"' in form and 'name="step_2_kind"' not in form
    response = client.post(
        "/desk/settings/paging/escalation/new/",
        {
            "name": "Urgent",
            "repeat_times": "0",
            "step_0_kind": "notify_on_call",
            "step_0_rotation": rotation.pk,
            "step_1_kind": "notify_people",
            "step_1_people": [team["boss"].pk, team["kai"].pk],
        },
    )
    assert response.status_code == 302
    policy = EscalationPolicy.objects.get(name="Urgent")
    assert policy.steps.count() == 2
    response = client.post(
        f"/desk/settings/paging/escalation/{policy.pk}/",
        {"name": "Urgent", "repeat_times": "0", "step_0_kind": "notify_webhook"},
    )
    assert response.status_code == 422
    assert "Step 1: Pick the webhook to post to." in response.content.decode()
    assert policy.steps.count() == 2


def test_webhook_addresses_and_secrets_are_for_leads(client, agent, lead, hook):
    client.force_login(agent)
    html = client.get("/desk/settings/paging/webhooks/").content.decode()
    assert "#support-urgent" in html and "chat.example" not in html
    assert client.get(f"/desk/settings/paging/webhooks/{hook.pk}/").status_code == 403
    client.force_login(lead)
    response = client.post(
        f"/desk/settings/paging/webhooks/{hook.pk}/",
        {
            "name": "#support-urgent",
            "kind": "json",
            "url": "https://hooks.example/in",
            "active": "",
        },
    )
    assert response.status_code == 302
    hook.refresh_from_db()
    assert (hook.kind, hook.url, hook.active) == ("json", "https://hooks.example/in", False)
    assert hook.secret in client.get(f"/desk/settings/paging/webhooks/{hook.pk}/").content.decode()


def test_a_used_webhook_is_not_removed(client, lead, hook):
    setup.save_policy(lead, None, name="Chat", steps=[Step(StepKind.NOTIFY_WEBHOOK, webhook=hook)])
    client.force_login(lead)
    response = client.post(f"/desk/settings/paging/webhooks/{hook.pk}/delete/", follow=True)
    assert "Chat posts to #support-urgent" in response.content.decode()
    assert Webhook.objects.filter(pk=hook.pk).exists()
