"""Bug titles and states read from GitHub's and GitLab's APIs on demand, against a local fake
tracker over real HTTP: the title is kept, a closed issue marks the bug fixed (notices
drafted), a reopened one opens it again, "not planned" fixes nothing, failures change nothing."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from sunrelay.integrations import tracker_api
from sunrelay.integrations.models import Bug, BugNotice, BugState


class FakeTracker(BaseHTTPRequestHandler):
    issues: dict[str, tuple[int, dict]] = {}
    asked: list[str] = []

    def do_GET(self):  # noqa: N802 - http.server's name
        self.asked.append(self.path)
        code, document = self.issues.get(self.path, (404, {"message": "Not Found"}))
        body = json.dumps(document).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def tracker(settings):
    FakeTracker.issues, FakeTracker.asked = {}, []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FakeTracker)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    settings.GITHUB_API_URL, settings.GITLAB_API_URL = base, f"{base}/api/v4"
    yield FakeTracker.issues
    httpd.shutdown()
    httpd.server_close()


GITHUB_PATH = "/repos/sunrelay-maps/tiles/issues/412"
GITLAB_PATH = "/api/v4/projects/maps%2Fengine/issues/7"


def test_github_closed_as_completed_fixes_the_bug(tracker, linked):
    tracker[GITHUB_PATH] = (200, {"title": "Blank tiles", "state": "closed",
                                  "state_reason": "completed"})  # fmt: skip
    bug = tracker_api.refresh(Bug.objects.get(tracker="github"))
    assert bug.title == "Blank tiles" and bug.state == BugState.FIXED
    assert BugNotice.objects.filter(link__bug=bug).count() == 2
    tracker[GITHUB_PATH] = (200, {"title": "Blank tiles", "state": "open"})
    assert tracker_api.refresh(bug).state == BugState.OPEN


def test_not_planned_is_no_fix(tracker, linked):
    tracker[GITHUB_PATH] = (200, {"title": "Blank tiles", "state": "closed",
                                  "state_reason": "not_planned"})  # fmt: skip
    assert tracker_api.refresh(Bug.objects.get(tracker="github")).state == BugState.OPEN


def test_gitlab_is_asked_by_its_project_path(tracker, linked):
    tracker[GITLAB_PATH] = (200, {"title": "Engine crash", "state": "closed"})
    bug = tracker_api.refresh(Bug.objects.get(tracker="gitlab"))
    assert bug.title == "Engine crash" and bug.state == BugState.FIXED
    assert FakeTracker.asked == [GITLAB_PATH]


def test_a_failure_changes_nothing_and_says_why(tracker, linked, settings):
    bug = Bug.objects.get(tracker="github")
    with pytest.raises(tracker_api.FetchFailed, match="HTTP 404"):
        tracker_api.refresh(bug)
    settings.GITHUB_API_URL = "http://127.0.0.1:9"
    with pytest.raises(tracker_api.FetchFailed, match="could not be reached"):
        tracker_api.refresh(bug)
    bug.refresh_from_db()
    assert bug.state == BugState.OPEN and bug.title == ""


def test_the_bug_page_checks_the_tracker(tracker, linked, agent, sales, client):
    tracker[GITHUB_PATH] = (200, {"title": "Blank tiles", "state": "open"})
    bug = Bug.objects.get(tracker="github")
    client.force_login(agent)
    answer = client.post(f"/desk/integrations/bugs/{bug.pk}/check/", follow=True)
    page = answer.content.decode()
    assert "GitHub says: Open." in page and "Blank tiles" in page
    client.force_login(sales)
    assert client.post(f"/desk/integrations/bugs/{bug.pk}/check/").status_code == 403
