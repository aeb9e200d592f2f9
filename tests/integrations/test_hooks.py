"""The trackers' webhooks, delivered as GitHub and GitLab deliver them: the raw JSON body
signed with the shared secret (HMAC-SHA256 in X-Hub-Signature-256) or with the token."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging

from sunrelay.integrations.models import Bug, BugNotice, BugState, NoticeState
from tests.integrations.conftest import GITHUB_ISSUE, SECRET, TOKEN

REPO = {"full_name": "sunrelay-maps/tiles", "html_url": "https://github.com/sunrelay-maps/tiles"}


def github(client, event: str, payload: dict, *, secret: str = SECRET):
    body = json.dumps(payload).encode()
    signature = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return client.post(
        "/hooks/github/",
        body,
        content_type="application/json",
        headers={"X-GitHub-Event": event, "X-Hub-Signature-256": signature},
    )


def closed(reason: str = "completed") -> dict:
    issue = {"number": 412, "html_url": GITHUB_ISSUE, "state": "closed", "state_reason": reason}
    return {"action": "closed", "issue": issue, "repository": REPO}


def test_a_signed_issue_closed_marks_every_ticket_fixed(client, linked, caplog):
    caplog.set_level(logging.DEBUG)
    answer = github(client, "issues", closed())
    assert answer.status_code == 200, answer.content
    assert answer.json()["bugs"] == [
        {"bug": "sunrelay-maps/tiles#412", "state": "fixed", "tickets": 2}
    ]
    notices = BugNotice.objects.filter(link__bug__number=412)
    assert {n.to for n in notices} == {"carla@acme.test", "olaf@otherco.test"}
    assert {n.state for n in notices} == {NoticeState.DRAFT}
    assert SECRET not in caplog.text


def test_a_bad_signature_changes_nothing(client, linked):
    answer = github(client, "issues", closed(), secret="guessed")
    assert answer.status_code == 401
    assert "signature" in answer.json()["detail"]
    assert Bug.objects.get(number=412).state == BugState.OPEN
    unsigned = client.post("/hooks/github/", b"{}", content_type="application/json")
    assert unsigned.status_code == 401


def test_not_planned_is_no_fix_and_ping_is_fine(client, linked):
    assert github(client, "issues", closed("not_planned")).json()["bugs"] == []
    assert github(client, "ping", {"zen": "Keep it simple.", "hook_id": 1}).status_code == 200
    assert Bug.objects.get(number=412).state == BugState.OPEN


def test_a_release_mentioning_the_issue_fixes_it(client, linked):
    release = {"tag_name": "v2.4.0", "name": "v2.4.0", "body": "Blank tiles (fixes #412)."}
    answer = github(
        client, "release", {"action": "published", "release": release, "repository": REPO}
    )
    assert answer.status_code == 200
    bug = Bug.objects.get(number=412)
    assert bug.state == BugState.FIXED and bug.fixed_by == "released in v2.4.0"


def test_bad_json_gets_words(client, linked):
    body = b"not json"
    signature = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    answer = client.post(
        "/hooks/github/", body, content_type="application/json",
        headers={"X-GitHub-Event": "issues", "X-Hub-Signature-256": signature},
    )  # fmt: skip
    assert answer.status_code == 400 and answer.json()["detail"] == "The delivery is not JSON."


def test_unconfigured_trackers_are_not_served(client, linked, settings):
    settings.GITHUB_WEBHOOK_SECRET = ""
    assert github(client, "issues", closed(), secret="").status_code == 404


def test_gitlab_closes_with_its_token(client, linked):
    payload = {
        "object_kind": "issue",
        "project": {"path_with_namespace": "maps/engine", "web_url": "https://gitlab.example.test/maps/engine"},
        "object_attributes": {"iid": 7, "action": "close", "url": "https://gitlab.example.test/maps/engine/-/issues/7"},
    }  # fmt: skip
    body = json.dumps(payload)
    wrong = client.post("/hooks/gitlab/", body, content_type="application/json",
                        headers={"X-Gitlab-Token": "nope"})  # fmt: skip
    assert wrong.status_code == 401
    answer = client.post("/hooks/gitlab/", body, content_type="application/json",
                         headers={"X-Gitlab-Token": TOKEN, "X-Gitlab-Event": "Issue Hook"})  # fmt: skip
    assert answer.status_code == 200
    assert Bug.objects.get(project="maps/engine").state == BugState.FIXED
    assert BugNotice.objects.get(link__ticket=linked["gitlab"]).to == "olaf@otherco.test"
