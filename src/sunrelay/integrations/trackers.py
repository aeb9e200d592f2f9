"""What a bug link means: a GitHub or GitLab issue, parsed from its URL, and the issues a
release's notes mention. Pure functions; no database.

GitHub issues live at https://github.com/<owner>/<repo>/issues/<n>; GitLab issues, on
gitlab.com or a team's own server, at https://<host>/<group>/<project>/-/issues/<n> (the
older form without "/-" too, on gitlab.com). Anything else is a plain link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from sunrelay.integrations.models import Tracker

_GITHUB_PATH = re.compile(r"^/([A-Za-z0-9-]+/[A-Za-z0-9._-]+)/issues/(\d+)/?$")
_GITLAB_PATH = re.compile(r"^/((?:[A-Za-z0-9._-]+/)+[A-Za-z0-9._-]+?)/-/issues/(\d+)/?$")
_GITLAB_OLD_PATH = re.compile(r"^/((?:[A-Za-z0-9._-]+/)+[A-Za-z0-9._-]+?)/issues/(\d+)/?$")
_URL_IN_TEXT = re.compile(r"https?://[^\s<>()\"'\]]+")
# "#12", "owner/repo#12" (GitHub) and "group/project#12" (GitLab) in a release's notes.
_SHORT_REF = re.compile(r"(?<![\w/#&])((?:[A-Za-z0-9._-]+/)+[A-Za-z0-9._-]+)?#(\d+)\b")


@dataclass(frozen=True)
class IssueRef:
    tracker: str
    host: str
    project: str
    number: int

    @property
    def url(self) -> str:
        middle = "/-/issues/" if self.tracker == Tracker.GITLAB else "/issues/"
        return f"https://{self.host}/{self.project}{middle}{self.number}"

    @property
    def label(self) -> str:
        return f"{self.project}#{self.number}"


def parse(url: str) -> IssueRef | None:
    """The issue a bug link points at; None for any other link (query and anchor ignored)."""
    try:
        parts = urlsplit((url or "").strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower()
    if host in ("github.com", "www.github.com"):
        if match := _GITHUB_PATH.match(parts.path):
            return IssueRef(Tracker.GITHUB, "github.com", match[1].lower(), int(match[2]))
        return None
    if match := _GITLAB_PATH.match(parts.path):
        return IssueRef(Tracker.GITLAB, host, match[1].lower(), int(match[2]))
    if host == "gitlab.com" and (match := _GITLAB_OLD_PATH.match(parts.path)):
        return IssueRef(Tracker.GITLAB, host, match[1].lower(), int(match[2]))
    return None


def mentioned(text: str, *, tracker: str, host: str, project: str) -> list[IssueRef]:
    """The issues a release's notes mention: full issue URLs, "#12" (of the release's own
    project) and "owner/repo#12"; each once, in order."""
    found: dict[IssueRef, None] = {}
    for url in _URL_IN_TEXT.findall(text or ""):
        if ref := parse(url.rstrip(".,;:")):
            found[ref] = None
    without_urls = _URL_IN_TEXT.sub(" ", text or "")
    for match in _SHORT_REF.finditer(without_urls):
        found[IssueRef(tracker, host, (match[1] or project).lower(), int(match[2]))] = None
    return list(found)
