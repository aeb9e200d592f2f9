"""The simulated people of a load run: customers writing by SMTP, agents on the web and API.

Each client is one thread with its own connection (SMTP sessions and HTTP keep-alive, as mail
servers and browsers do), timing every operation into a shared `Tally`. Only loopback.
"""

from __future__ import annotations

import http.client
import json
import random
import re
import smtplib
import threading
import time
from email.utils import format_datetime, make_msgid
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from bench.tally import Tally

SUPPORT = "support@sunrelay.localhost"
_CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
# Statuses an agent sets at will (solving needs a cause, closing is final: not load).
STATUSES = ("open", "pending", "on_hold")


class Customers:
    """SMTP senders; `accepted` holds the Message-ID (no brackets) of every 250-answered message.

    A third of the messages reply to an earlier one, so threading is under load too; senders
    are drawn from thousands of addresses, as real mail is, so the loop breaker stays quiet.
    """

    def __init__(self, port: int, tally: Tally, rng: random.Random) -> None:
        self.port, self.tally, self.rng = port, tally, rng
        self.accepted: list[str] = []
        self.lock = threading.Lock()

    def message(self, rng: random.Random) -> tuple[str, str, bytes]:
        sender = f"person{rng.randrange(20000)}@{rng.choice(['soak.test', 'elsewhere.example'])}"
        message_id = make_msgid(domain="soak.example")[1:-1]
        threading_headers, subject = "", f"Soak {rng.getrandbits(32):08x}"
        with self.lock:
            earlier = rng.choice(self.accepted) if self.accepted and rng.random() < 0.33 else None
        if earlier:
            threading_headers = f"In-Reply-To: <{earlier}>\r\nReferences: <{earlier}>\r\n"
            subject = "Re: " + subject
        raw = (
            f"From: {sender}\r\nTo: {SUPPORT}\r\nSubject: {subject}\r\n"
            f"Date: {format_datetime(_now())}\r\nMessage-ID: <{message_id}>\r\n"
            f"{threading_headers}MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
            f"\r\nThe map tiles stopped rendering after the upgrade.\r\n"
        ).encode()
        return sender, message_id, raw

    def run(self, stop: threading.Event, pause: float, seed: int) -> None:
        rng = random.Random(seed)
        smtp = None
        while not stop.is_set():
            sender, message_id, raw = self.message(rng)
            started = time.perf_counter()
            try:
                if smtp is None:
                    smtp = smtplib.SMTP("127.0.0.1", self.port, timeout=60)
                smtp.sendmail(sender, [SUPPORT], raw)
            except (smtplib.SMTPException, OSError) as exc:
                self.tally.error("smtp.send", f"{type(exc).__name__}: {exc}")
                smtp = _close(smtp)
            else:
                self.tally.ok("smtp.send", time.perf_counter() - started)
                with self.lock:
                    self.accepted.append(message_id)
            _rest(stop, rng, pause)
        _close(smtp)


class Http:
    """One keep-alive HTTP/1.1 connection with a cookie jar."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.conn: http.client.HTTPConnection | None = None
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: bytes | None = None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # The server closed an idle keep-alive connection: reconnect once.
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise
                continue
            for value in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(value).items():
                    self.cookies[name] = morsel.value
            return response.status, data
        raise AssertionError("unreachable")


def _check(status: int, data: bytes, ok: tuple[int, ...]) -> None:
    if status not in ok:
        raise RuntimeError(f"HTTP {status}: {data[:200]!r}")


class ApiAgent:
    """Replies, notes, status changes and queue reads through /api/v1 with a token, in the
    proportions of `mix` (operation name -> weight)."""

    MIX = {"reply": 3, "note": 3, "status": 2, "list": 2}

    def __init__(self, port: int, token: str, tickets: list[int], tally: Tally, mix=None) -> None:
        self.http, self.tickets, self.tally = Http(port), tickets, tally
        self.headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        self.mix = mix or self.MIX
        self.replies = 0

    def _call(self, method: str, path: str, payload=None, ok=(200,)) -> None:
        body = json.dumps(payload).encode() if payload is not None else None
        status, data = self.http.request(method, "/api/v1" + path, body, self.headers)
        _check(status, data, ok)

    def act(self, rng: random.Random) -> None:
        op = rng.choices(list(self.mix), weights=list(self.mix.values()))[0]
        ticket = rng.choice(self.tickets)
        with self.tally.timed(f"api.{op}"):
            if op == "reply":
                payload = {"kind": "reply", "body": "Could you try clearing the tile cache?"}
                self._call("POST", f"/tickets/{ticket}/messages", payload, ok=(201,))
                self.replies += 1
            elif op == "note":
                payload = {"kind": "note", "body": "Reproduced on staging."}
                self._call("POST", f"/tickets/{ticket}/messages", payload, ok=(201,))
            elif op == "status":
                self._call("PATCH", f"/tickets/{ticket}", {"status": rng.choice(STATUSES)})
            else:
                self._call("GET", "/tickets?status=open")


class WebAgent:
    """Logs in through the form, then reads tickets and writes notes and replies as htmx does."""

    def __init__(self, port: int, username: str, password: str, tickets, tally: Tally) -> None:
        self.http, self.tickets, self.tally = Http(port), tickets, tally
        self.username, self.password = username, password
        self.replies = 0

    def login(self) -> None:
        status, page = self.http.request("GET", "/login/")
        _check(status, page, (200,))
        token = _CSRF_INPUT.search(page).group(1).decode()
        form = {"username": self.username, "password": self.password}
        status, data = self._post("/login/", form, token, htmx=False)
        _check(status, data, (302,))

    def _post(self, path: str, form: dict, token: str, *, htmx: bool = True):
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if htmx:
            headers["HX-Request"] = "true"
        body = urlencode({**form, "csrfmiddlewaretoken": token}).encode()
        return self.http.request("POST", path, body, headers)

    def act(self, rng: random.Random) -> None:
        ticket = rng.choice(self.tickets)
        roll = rng.random()
        if roll < 0.45:
            with self.tally.timed("web.ticket"):
                status, data = self.http.request("GET", f"/desk/tickets/{ticket}/")
                _check(status, data, (200,))
        elif roll < 0.55:
            with self.tally.timed("web.queue"):
                status, data = self.http.request("GET", "/desk/queues/open/")
                _check(status, data, (200,))
        else:
            kind = "reply" if roll < 0.75 else "note"
            with self.tally.timed(f"web.{kind}"):
                status, data = self._post(
                    f"/desk/tickets/{ticket}/{kind}/",
                    {"body": f"Web {kind}: the style had a stale sprite sheet."},
                    self.http.cookies.get("csrftoken", ""),
                )
                _check(status, data, (200,))
                if kind == "reply":
                    self.replies += 1


def run_agent(agent, stop: threading.Event, pause: float, seed: int, tally: Tally) -> None:
    rng = random.Random(seed)
    if isinstance(agent, WebAgent):
        with tally.timed("web.login"):
            agent.login()
    while not stop.is_set():
        agent.act(rng)
        _rest(stop, rng, pause)


def _rest(stop: threading.Event, rng: random.Random, pause: float) -> None:
    if pause:
        stop.wait(rng.uniform(0, 2 * pause))


def _close(smtp):
    if smtp is not None:
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            smtp.close()
    return None


def _now():
    from datetime import UTC, datetime

    return datetime.now(UTC)
