"""The demo's Slack channel: the largest strategic account's shared channel, and one of its
customer's questions asked there, answered in the thread by the account's customer engineer,
brought in by the real event handling (slack.threads). The people are known beforehand (no
users.info call: the demo has no network) and nothing is posted to Slack. Created once."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

from django.contrib.auth.models import User

from sunrelay.accounts.models import Account
from sunrelay.slack import threads
from sunrelay.slack.models import SharedChannel, SlackUser
from sunrelay.team.models import Role

CHANNEL_ID = "C0DEMOSHARE"


def _ts(at: datetime) -> str:
    return f"{at.timestamp():.6f}"


def load_slack(anchor: datetime, created: Counter) -> None:
    if SharedChannel.objects.exists():
        return
    account = (
        Account.objects.filter(strategic=True, contacts__isnull=False).order_by("-mrr").first()
    )
    if account is None:
        return
    contact = account.contacts.order_by("id").first()
    slug = account.name.lower().replace(" ", "-")[:60]
    SharedChannel.objects.create(
        channel_id=CHANNEL_ID, name=f"{slug}-sunrelay", account=account, created_at=anchor
    )
    SlackUser.objects.create(user_id="UDEMOCUST", name=contact.name, email=contact.email,
                             contact=contact)  # fmt: skip
    asked = anchor - timedelta(hours=5)
    first = _ts(asked)
    messages = [("UDEMOCUST", first, None,
                 "Our vector tile layer shows blank squares at zoom 14 since this morning. "
                 "Anything changed on your side?")]  # fmt: skip
    # A support engineer answers in the thread, not the account's CE: the CE's reply would
    # count as their planned call, which the demo keeps overdue (demo/success.py).
    agent = (
        User.objects.filter(is_active=True, staff_roles__role=Role.SUPPORT)
        .exclude(pk__in=[account.ae_id or 0, account.ce_id or 0])
        .order_by("id")
        .first()
    )
    if agent:
        SlackUser.objects.create(user_id="UDEMOAGENT", name=agent.get_full_name(),
                                 email=agent.email, staff=agent)  # fmt: skip
        messages.append(("UDEMOAGENT", _ts(asked + timedelta(minutes=20)), first,
                         "Thanks! Looking now; could you send the style URL you use?"))  # fmt: skip
    messages.append(("UDEMOCUST", _ts(asked + timedelta(minutes=35)), first,
                     "Sure: https://maps.example.test/styles/streets-v4.json"))  # fmt: skip
    for user_id, ts, thread_ts, text in messages:
        event = {"type": "message", "channel": CHANNEL_ID, "user": user_id, "text": text,
                 "ts": ts, "event_ts": ts}  # fmt: skip
        if thread_ts:
            event["thread_ts"] = thread_ts
        threads.act(event)
    created["Slack tickets"] += 1
