"""The two forms customer engineers send support, as Slack shortcuts (message and global):
"Support ticket context" and "Support ticket request", with the fields exactly as the desk's
forms (success.forms_to_support). A shortcut opens a modal at once (its trigger lasts three
seconds); its submission is checked and saved by the same functions as the desk form, as the
colleague whose Slack address is their log-in's, and a confirmation with a link is queued to
them. A message shortcut fills the link to the issue with the message's address, and the
account with the shared channel's.
"""

from __future__ import annotations

import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from slack_sdk.errors import SlackApiError

from sunrelay.accounts.models import Account
from sunrelay.lib.links import absolute
from sunrelay.slack.client import client
from sunrelay.slack.models import SharedChannel
from sunrelay.slack.outgoing import enqueue
from sunrelay.slack.people import staff_of
from sunrelay.success import forms_to_support

CONTEXT, REQUEST = "support_context", "support_request"
# (field, label, multiline, optional), in the brief's order.
FIELDS = {
    CONTEXT: [
        ("customer_name", "Customer name", False, False),
        ("issue_link", "Link to issue (chat / tracker / ticket #)", False, False),
        ("background", "Background information or anything that would help", True, False),
    ],
    REQUEST: [
        ("customer_name", "Customer name", False, False),
        ("issue_link", "Link to issue", False, False),
        ("ask", "What's the ask", True, False),
        ("why", "Why are we making this ask", True, False),
        ("if_not", "What happens if we don't take this action", True, False),
        ("timing", "Is there a time consideration, and why", True, True),
        ("anything_else", "Anything else that would help", True, True),
    ],
}
TITLES = {CONTEXT: "Support ticket context", REQUEST: "Support ticket request"}


def modal(callback_id: str, *, link: str = "", account_id: int | None = None) -> dict:
    blocks = []
    for name, label, multiline, optional in FIELDS[callback_id]:
        element = {"type": "plain_text_input", "action_id": name, "multiline": multiline}
        if name == "issue_link" and link:
            element["initial_value"] = link
        blocks.append(
            {
                "type": "input",
                "block_id": name,
                "label": {"type": "plain_text", "text": label},
                "element": element,
                "optional": optional,
            }  # fmt: skip
        )
    return {
        "type": "modal",
        "callback_id": callback_id,
        "title": {"type": "plain_text", "text": TITLES[callback_id]},
        "submit": {"type": "plain_text", "text": "Send to support"},
        "private_metadata": json.dumps({"account": account_id}),
        "blocks": blocks,
    }


def message_link(payload: dict) -> str:
    domain = (payload.get("team") or {}).get("domain", "")
    channel = (payload.get("channel") or {}).get("id", "")
    ts = str((payload.get("message") or {}).get("ts", ""))
    if not (domain and channel and ts):
        return ""
    return f"https://{domain}.slack.com/archives/{channel}/p{ts.replace('.', '')}"


def handle(payload: dict) -> tuple[dict | None, str]:
    """(the JSON answer for Slack, or None for an empty 200; what was done, in words)."""
    kind, callback_id = payload.get("type"), payload.get("callback_id")
    if kind in {"shortcut", "message_action"} and callback_id in FIELDS:
        return None, _open(payload, callback_id)
    view = payload.get("view") or {}
    if kind == "view_submission" and view.get("callback_id") in FIELDS:
        return _submit(payload, view)
    return None, f"An interaction of type {kind} changes nothing."


def _open(payload: dict, callback_id: str) -> str:
    channel = (payload.get("channel") or {}).get("id", "")
    shared = SharedChannel.objects.filter(channel_id=channel).first() if channel else None
    view = modal(
        callback_id,
        link=message_link(payload) if payload.get("type") == "message_action" else "",
        account_id=shared.account_id if shared else None,
    )
    try:
        client().views_open(trigger_id=payload.get("trigger_id", ""), view=view)
    except SlackApiError as exc:
        return f"The form could not be opened: {exc.response.get('error', 'error')}."
    return f"Opened the {TITLES[callback_id]} form."


def _values(view: dict, callback_id: str) -> dict[str, str]:
    state = (view.get("state") or {}).get("values") or {}
    values = {}
    for name, *_ in FIELDS[callback_id]:
        value = ((state.get(name) or {}).get(name) or {}).get("value")
        values[name] = str(value or "")
    return values


def _account(view: dict, customer_name: str):
    try:
        account_id = json.loads(view.get("private_metadata") or "{}").get("account")
    except (json.JSONDecodeError, AttributeError):
        account_id = None
    found = Account.objects.filter(pk=account_id).first() if account_id else None
    return found or Account.objects.filter(name__iexact=customer_name.strip()).first()


def _errors(callback_id: str, exc: Exception) -> dict:
    names = [name for name, *_ in FIELDS[callback_id]]
    found = {}
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        for field, messages in exc.message_dict.items():
            found[field if field in names else names[0]] = " ".join(messages)
    else:
        found[names[0]] = " ".join(getattr(exc, "messages", [str(exc)]))
    return {"response_action": "errors", "errors": found}


def _submit(payload: dict, view: dict) -> tuple[dict | None, str]:
    callback_id = view["callback_id"]
    user_id = (payload.get("user") or {}).get("id", "")
    author = staff_of(user_id) if user_id else None
    if author is None:
        refusal = PermissionDenied("Your Slack address is not the address of a Sunrelay log-in.")
        return _errors(callback_id, refusal), "Refused: the Slack user is nobody here."
    values = _values(view, callback_id)
    account = _account(view, values["customer_name"])
    try:
        if callback_id == CONTEXT:
            row = forms_to_support.add_context(author, account=account, **values)
            path = reverse("success:account", args=[row.account_id]) if row.account_id else (
                reverse("success:teams"))  # fmt: skip
            words = f"Support context on {row.customer_name} saved"
        else:
            row = forms_to_support.file_request(author, account=account, **values)
            path = reverse("success:request", args=[row.pk])
            words = f"Support request for {row.customer_name} sent to the head of support"
    except (ValidationError, PermissionDenied) as exc:
        return _errors(callback_id, exc), "Refused: the form has errors."
    enqueue("chat.postMessage", {"channel": user_id, "text": f"{words}: {absolute(path)}"})
    return None, f"{words} ({type(row).__name__} {row.pk})."
