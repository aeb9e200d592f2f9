"""A bug's title and state read from its tracker's API on demand (the bug's page, "Check the
tracker"; POST /api/v1/bugs/… is not needed: the page is where people look).

- GitHub: GET {GITHUB_API_URL}/repos/{owner}/{repo}/issues/{n} (api.github.com by default).
- GitLab: GET https://{host}/api/v4/projects/{group%2Fproject}/issues/{n}, or
  {GITLAB_API_URL} for gitlab.com when set (tests point both at a local server).
- Public projects need no token. The answer's title is kept; an issue closed as completed
  marks the bug fixed exactly as the tracker's webhook would (integrations.bugs.fixed: the
  tickets' notes and the notices), one reopened opens it again; GitHub's "not planned" is no
  fix, as in the webhook.
- A tracker that cannot be reached or answers an error changes nothing; the reason comes
  back in words (FetchFailed).
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from urllib.parse import quote

from django.conf import settings

from sunrelay.integrations import bugs
from sunrelay.integrations.models import Bug, BugState, Tracker
from sunrelay.integrations.trackers import IssueRef

TIMEOUT_SECONDS = 10
MAX_BYTES = 1024 * 1024


class FetchFailed(Exception):
    """The tracker could not be asked, in words."""


def api_url(bug: Bug) -> str:
    if bug.tracker == Tracker.GITHUB:
        base = getattr(settings, "GITHUB_API_URL", "") or "https://api.github.com"
        return f"{base.rstrip('/')}/repos/{bug.project}/issues/{bug.number}"
    base = getattr(settings, "GITLAB_API_URL", "") or f"https://{bug.host}/api/v4"
    return f"{base.rstrip('/')}/projects/{quote(bug.project, safe='')}/issues/{bug.number}"


def fetch(bug: Bug) -> dict:
    """The tracker's JSON for the issue."""
    request = urllib.request.Request(  # noqa: S310 - an https (or configured) URL of ours
        api_url(bug), headers={"Accept": "application/json", "User-Agent": "Sunrelay"}
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            document = json.loads(response.read(MAX_BYTES))
    except urllib.error.HTTPError as exc:
        raise FetchFailed(f"{bug.get_tracker_display()} answered HTTP {exc.code}.") from None
    except (urllib.error.URLError, OSError) as exc:
        raise FetchFailed(f"{bug.get_tracker_display()} could not be reached: {exc}.") from None
    except ValueError:
        raise FetchFailed(f"{bug.get_tracker_display()} did not answer JSON.") from None
    if not isinstance(document, dict):
        raise FetchFailed(f"{bug.get_tracker_display()} did not answer an issue.")
    return document


def _closed_as_fix(bug: Bug, document: dict) -> bool | None:
    """True: closed as a fix; False: open; None: closed otherwise (no change)."""
    state = str(document.get("state", "")).lower()
    if state in ("open", "opened", "reopened"):
        return False
    if state != "closed":
        return None
    if bug.tracker == Tracker.GITHUB and document.get("state_reason") == "not_planned":
        return None
    return True


def refresh(bug: Bug) -> Bug:
    """Read the issue's title and state from its tracker and follow them. FetchFailed when the
    tracker cannot tell."""
    document = fetch(bug)
    title = str(document.get("title") or "")[:300]
    if title and title != bug.title:
        bug.title = title
        bug.save(update_fields=["title"])
    ref = IssueRef(bug.tracker, bug.host, bug.project, bug.number)
    closed = _closed_as_fix(bug, document)
    if closed and bug.state != BugState.FIXED:
        bugs.fixed(ref, f"Issue closed on {bug.get_tracker_display()}")
    elif closed is False and bug.state == BugState.FIXED:
        bugs.reopened(ref)
    bug.refresh_from_db()
    return bug
