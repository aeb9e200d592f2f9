"""Slack's people: a customer in a shared channel is a contact, found by the e-mail address of
their Slack profile (users.info; the app asks for users:read.email); a colleague is the staff
user with that address. Read from Slack once, then kept (SlackUser); a profile without an
address becomes a contact on the reserved `.invalid` domain (RFC 2606), which is never mailed.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from slack_sdk.errors import SlackApiError

from sunrelay.accounts.services import contact_for_email
from sunrelay.slack.client import client
from sunrelay.slack.models import SlackUser
from sunrelay.team.roles import works_tickets

NO_ADDRESS_DOMAIN = "slack.invalid"


def _profile(user_id: str) -> tuple[str, str]:
    """(name, e-mail) from users.info; ("", "") when Slack will not say."""
    try:
        answer = client().users_info(user=user_id)
    except SlackApiError:
        return "", ""
    user = answer.get("user") or {}
    profile = user.get("profile") or {}
    name = profile.get("real_name") or user.get("real_name") or user.get("name") or ""
    return str(name)[:200], str(profile.get("email") or "")[:254]


def slack_user(user_id: str) -> SlackUser:
    """The person behind `user_id`, read from Slack the first time and kept."""
    row = SlackUser.objects.filter(user_id=user_id).first()
    if row is not None and (row.contact_id or row.staff_id):
        return row
    name, email = _profile(user_id)
    staff = None
    if email:
        staff = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        staff = staff if staff is not None and works_tickets(staff) else None
    contact = None
    if staff is None:
        address = email or f"slack-{user_id.lower()}@{NO_ADDRESS_DOMAIN}"
        contact = contact_for_email(address, actor=None, name=name or user_id)
    row, _ = SlackUser.objects.update_or_create(
        user_id=user_id,
        defaults={"name": name, "email": email, "contact": contact, "staff": staff},
    )
    return row


def staff_of(user_id: str):
    """The colleague behind a Slack user (any staff log-in with the profile's address), or None."""
    row = SlackUser.objects.filter(user_id=user_id).first()
    if row is None or not (row.staff_id or row.contact_id):
        row = slack_user(user_id)
    if row.staff_id:
        return row.staff
    if row.email:
        return get_user_model().objects.filter(email__iexact=row.email, is_active=True).first()
    return None
