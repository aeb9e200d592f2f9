"""The issue trackers' webhooks, read: who sent them (GitHub signs the body with HMAC-SHA256
in X-Hub-Signature-256; GitLab sends the shared token in X-Gitlab-Token) and what they say
about issues. Pure functions; integrations.hook_views receives, integrations.bugs acts.

What counts as fixed: an issue closed as completed (GitHub's "not planned" is no fix), and
every issue a published release's notes mention ("Fixes #12", an issue URL, "owner/repo#12").
A reopened issue is open again.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from urllib.parse import urlsplit

from sunrelay.integrations.models import Tracker
from sunrelay.integrations.trackers import IssueRef, mentioned, parse

FIXED = "fixed"
REOPENED = "reopened"


@dataclass(frozen=True)
class Change:
    what: str  # FIXED or REOPENED
    ref: IssueRef
    reason: str


def github_signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def github_verified(secret: str, body: bytes, signature: str | None) -> bool:
    return bool(secret) and hmac.compare_digest(github_signature(secret, body), signature or "")


def gitlab_verified(token: str, sent: str | None) -> bool:
    return bool(token) and hmac.compare_digest(token.encode(), (sent or "").encode())


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def _repository(web_url: str, tracker: str) -> tuple[str, str] | None:
    parts = urlsplit(web_url)
    project = parts.path.strip("/").lower()
    if not parts.hostname or not project:
        return None
    host = "github.com" if tracker == Tracker.GITHUB else parts.hostname.lower()
    return host, project


def _release(tracker: str, web_url: str, name: str, notes: str) -> list[Change]:
    where = _repository(web_url, tracker)
    if where is None:
        return []
    host, project = where
    refs = mentioned(notes, tracker=tracker, host=host, project=project)
    reason = f"released in {name}" if name else "released"
    return [Change(FIXED, ref, reason) for ref in refs]


def github_changes(event: str, payload: dict) -> list[Change]:
    """What a GitHub delivery (X-GitHub-Event, the JSON body) says about issues."""
    payload, action = _dict(payload), _text(_dict(payload).get("action"))
    repository = _dict(payload.get("repository"))
    if event == "issues":
        issue = _dict(payload.get("issue"))
        ref = parse(_text(issue.get("html_url")))
        if ref is None:
            return []
        if action == "closed" and issue.get("state_reason") != "not_planned":
            return [Change(FIXED, ref, "issue closed on GitHub")]
        if action == "reopened":
            return [Change(REOPENED, ref, "issue reopened on GitHub")]
    if event == "release" and action in ("published", "released"):
        release = _dict(payload.get("release"))
        name = _text(release.get("name")) or _text(release.get("tag_name"))
        url = _text(repository.get("html_url"))
        return _release(Tracker.GITHUB, url, name, _text(release.get("body")))
    return []


def gitlab_changes(payload: dict) -> list[Change]:
    """What a GitLab delivery (its object_kind, the JSON body) says about issues."""
    payload = _dict(payload)
    kind, project = _text(payload.get("object_kind")), _dict(payload.get("project"))
    if kind == "issue":
        attributes = _dict(payload.get("object_attributes"))
        ref, action = parse(_text(attributes.get("url"))), _text(attributes.get("action"))
        if ref is None:
            return []
        if action == "close":
            return [Change(FIXED, ref, "issue closed on GitLab")]
        if action == "reopen":
            return [Change(REOPENED, ref, "issue reopened on GitLab")]
    if kind == "release" and _text(payload.get("action")) in ("create", "update"):
        name = _text(payload.get("name")) or _text(payload.get("tag"))
        url = _text(project.get("web_url"))
        return _release(Tracker.GITLAB, url, name, _text(payload.get("description")))
    return []
