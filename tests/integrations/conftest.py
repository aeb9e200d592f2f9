"""Integrations test world: two accounts' tickets linking the same GitHub issue, one linking a
GitLab issue, one a plain link; the GitHub secret and GitLab token set."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from sunrelay.desk.services import update_ticket
from tests.factories import make_account, make_contact, make_ticket

GITHUB_ISSUE = "https://github.com/sunrelay-maps/tiles/issues/412"
GITLAB_ISSUE = "https://gitlab.example.test/maps/engine/-/issues/7"
SECRET = "It's a Secret to Everybody"
TOKEN = "gitlab-token-5f2a"


@pytest.fixture(autouse=True)
def _secrets(settings):
    settings.GITHUB_WEBHOOK_SECRET = SECRET
    settings.GITLAB_WEBHOOK_TOKEN = TOKEN
    settings.BUG_NOTICE_AUTO_SEND = False


@pytest.fixture
def linked(db, agent, ticket, account):
    """The conftest ticket (Acme, sales' account) and Otherco's both link the GitHub issue."""
    other = make_account("Otherco", tier="pro", mrr=2500)
    olaf = make_contact("Olaf", "olaf@otherco.test", account=other)
    second = make_ticket(olaf, subject="Blank tiles again")
    third = make_ticket(olaf, subject="Engine crash")
    update_ticket(ticket, agent, bug_url=GITHUB_ISSUE + "#issuecomment-1")
    update_ticket(second, agent, bug_url=GITHUB_ISSUE)
    update_ticket(third, agent, bug_url=GITLAB_ISSUE)
    return {"acme": ticket, "other": second, "gitlab": third, "otherco": other}


class Receiver(BaseHTTPRequestHandler):
    answers: list[int] = []
    received: list[dict] = []

    def do_POST(self):  # noqa: N802 - http.server's name
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.received.append({"headers": dict(self.headers), "body": body})
        code = self.answers.pop(0) if self.answers else 200
        self.send_response(code)
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    Receiver.answers, Receiver.received = [], []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/hook"
    httpd.shutdown()
    httpd.server_close()
