"""A local fake of Slack's Web API for tests: a threaded http.server on a loopback port that
answers the methods Sunrelay calls as Slack documents them, records every call, serves files,
and can answer 429 with Retry-After. slack_sdk's WebClient is pointed at it (base_url)."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl


class FakeSlack:
    def __init__(self) -> None:
        self.calls: list[dict] = []
        self.users: dict[str, dict] = {}
        self.history: dict[tuple[str, str], dict] = {}
        self.files: dict[str, bytes] = {}
        self.rate_limited: dict[str, int] = {}  # method -> how many 429s to answer first
        self.token = "xoxb-1-test-token"
        self._ts = 1800000000
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):
                name = self.path.rsplit("/", 1)[-1]
                data = fake.files.get(name)
                if data is None or self.headers.get("Authorization") != f"Bearer {fake.token}":
                    self.send_response(404)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode()
                if "json" in (self.headers.get("Content-Type") or ""):
                    args = json.loads(raw or "{}")
                else:
                    args = dict(parse_qsl(raw))
                method = self.path.strip("/").rsplit("/", 1)[-1]
                status, headers, body = fake.answer(method, args, self.headers)
                payload = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/api/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> FakeSlack:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def file_url(self, name: str, data: bytes) -> str:
        self.files[name] = data
        return self.url + "files/" + name

    def called(self, method: str) -> list[dict]:
        return [c["args"] for c in self.calls if c["method"] == method]

    def answer(self, method: str, args: dict, headers) -> tuple[int, dict, dict]:
        with self._lock:
            self.calls.append({"method": method, "args": args,
                               "auth": headers.get("Authorization", "")})  # fmt: skip
            if self.rate_limited.get(method):
                self.rate_limited[method] -= 1
                return 429, {"Retry-After": "7"}, {"ok": False, "error": "ratelimited"}
            if headers.get("Authorization") != f"Bearer {self.token}":
                return 200, {}, {"ok": False, "error": "invalid_auth"}
            if method == "auth.test":
                return 200, {}, {"ok": True, "team": "Sunrelay Maps", "team_id": "T0001",
                                 "user": "sunrelay", "user_id": "UBOT"}  # fmt: skip
            if method == "users.info":
                user = self.users.get(args.get("user"))
                if user is None:
                    return 200, {}, {"ok": False, "error": "user_not_found"}
                return 200, {}, {"ok": True, "user": user}
            if method == "users.lookupByEmail":
                found = [u for u in self.users.values()
                         if u["profile"]["email"] == args.get("email")]  # fmt: skip
                if not found:
                    return 200, {}, {"ok": False, "error": "users_not_found"}
                return 200, {}, {"ok": True, "user": found[0]}
            if method == "chat.postMessage":
                self._ts += 1
                return 200, {}, {"ok": True, "channel": args.get("channel"),
                                 "ts": f"{self._ts}.000100", "message": {"text": args.get("text")}}  # fmt: skip
            if method == "views.open":
                return 200, {}, {"ok": True, "view": {"id": "V1"}}
            if method in {"conversations.history", "conversations.replies"}:
                key = (args.get("channel"), args.get("latest") or args.get("ts"))
                found = self.history.get(key)
                return 200, {}, {"ok": True, "messages": [found] if found else []}
            return 200, {}, {"ok": False, "error": "unknown_method"}


def user(user_id: str, name: str, email: str) -> dict:
    return {"id": user_id, "name": name.lower(), "real_name": name,
            "profile": {"real_name": name, "email": email}}  # fmt: skip
