"""A throw-away Sunrelay installation for tests and soak runs that drive real processes.

A `Sandbox` owns a data directory and a database: an SQLite file inside the directory, or,
when the `DATABASE_URL` of the calling environment points at PostgreSQL, a fresh database
created beside it on that server (and dropped on `close()`). It runs `sunrelay` commands
with an environment pointing at both, on loopback ports of its own.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-m", "sunrelay.cli"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def postgres_url() -> str | None:
    """The calling environment's PostgreSQL server, if it names one."""
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


def _admin(url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql)


class Sandbox:
    """`like`: start from a copy of that sandbox's database (migrated once, copied often);
    its processes must have ended."""

    def __init__(
        self, root: Path, *, name: str = "sandbox", like: Sandbox | None = None, **env: str
    ) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.web_port, self.smtp_port = free_port(), free_port()
        self._server = postgres_url()
        if self._server:
            self._database = f"sunrelay_{name}_{secrets.token_hex(4)}"
            template = f' TEMPLATE "{like._database}"' if like else ""
            _admin(self._server, f'CREATE DATABASE "{self._database}"{template}')
            self.database_url = _with_database(self._server, self._database)
            self.sqlite_path: Path | None = None
        else:
            self.sqlite_path = self.root / f"{name}.sqlite3"
            self.database_url = f"sqlite:///{self.sqlite_path}"
            if like:
                shutil.copyfile(like.sqlite_path, self.sqlite_path)
        # Nothing of the caller's own installation leaks in (a real relay, an IMAP box):
        # every Sunrelay variable is the sandbox's, every address loopback.
        inherited = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith("SUNRELAY_") and k != "DATABASE_URL"
        }
        self.env = {
            **inherited,
            "PYTHONPATH": os.pathsep.join(
                p for p in (str(ROOT / "src"), str(ROOT), os.environ.get("PYTHONPATH", "")) if p
            ),
            "DJANGO_SETTINGS_MODULE": "sunrelay.settings",
            "SUNRELAY_DATA_DIR": str(self.root),
            "DATABASE_URL": self.database_url,
            "SUNRELAY_HOST": "127.0.0.1",
            "SUNRELAY_PORT": str(self.web_port),
            "SUNRELAY_SMTP_HOST": "127.0.0.1",
            "SUNRELAY_SMTP_PORT": str(self.smtp_port),
            "PYTHONUNBUFFERED": "1",
            "SUNRELAY_LOG_LEVEL": "WARNING",
            **env,
        }
        self._processes: list[subprocess.Popen] = []
        # What seed() made (agents with their tokens, tickets), copied along with `like`.
        self.seeded: dict = like.seeded if like else {}

    @property
    def engine(self) -> str:
        return "postgresql" if self._server else "sqlite"

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.web_port}"

    def relay_to(self, port: int) -> None:
        """Send outgoing mail to an SMTP server on loopback (a sink)."""
        self.env.update(
            SUNRELAY_SMTP_RELAY_HOST="127.0.0.1",
            SUNRELAY_SMTP_RELAY_PORT=str(port),
            SUNRELAY_SMTP_RELAY_TLS="none",
        )

    def attempt(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
        """Run a `sunrelay` command to its end, whatever its outcome."""
        return subprocess.run(  # noqa: S603
            [*CLI, *args], env=self.env, cwd=ROOT, capture_output=True, text=True, timeout=timeout
        )

    def run(self, *args: str, timeout: float = 300) -> str:
        """Run a `sunrelay` command to its end; its standard output. Fails loudly."""
        done = self.attempt(*args, timeout=timeout)
        if done.returncode != 0:
            raise RuntimeError(f"sunrelay {' '.join(args)} failed:\n{done.stderr[-4000:]}")
        return done.stdout

    def start(self, *args: str, log: str | None = None) -> subprocess.Popen:
        """Start a `sunrelay` command in the background, output to `log` under the root."""
        out = open(self.root / log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115
        process = subprocess.Popen(  # noqa: S603
            [*CLI, *args], env=self.env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT
        )
        if log:
            out.close()  # the child holds its own copy
        self._processes.append(process)
        return process

    def migrate(self) -> None:
        self.run("migrate", "--no-input", "-v", "0")

    def seed(self, agents: int = 4, tickets: int = 20) -> dict:
        """Staff with API tokens and some open tickets (bench/seed.py); what it made."""
        done = subprocess.run(  # noqa: S603
            [sys.executable, "-m", "bench.seed", str(agents), str(tickets)],
            env=self.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if done.returncode != 0:
            raise RuntimeError(f"Seeding failed:\n{done.stderr[-4000:]}")
        self.seeded = json.loads(done.stdout.strip().splitlines()[-1])
        return self.seeded

    def serve(self, *args: str, log: str = "serve.log", timeout: float = 90) -> subprocess.Popen:
        """`sunrelay serve` (web, SMTP listener, worker unless --no-worker), once it answers."""
        server = self.start("serve", *args, log=log)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise RuntimeError(f"sunrelay serve stopped:\n{self.log(log)[-4000:]}")
            if self._answers() and self._smtp_ready(args):
                return server
            time.sleep(0.2)
        raise RuntimeError(f"sunrelay serve did not answer in {timeout:g} s")

    def _answers(self) -> bool:
        health = f"{self.base_url}/healthz"
        with contextlib.suppress(OSError), urllib.request.urlopen(health, timeout=2) as answer:  # noqa: S310
            return answer.status == 200
        return False

    def _smtp_ready(self, args) -> bool:
        if "--no-smtp" in args:
            return True
        with (
            contextlib.suppress(OSError),
            socket.create_connection(("127.0.0.1", self.smtp_port), timeout=2),
        ):
            return True
        return False

    def log(self, name: str) -> str:
        try:
            return (self.root / name).read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def query(self, sql: str) -> list[tuple]:
        """Rows of a read-only query on the sandbox's database."""
        if self.sqlite_path is not None:
            import sqlite3

            with contextlib.closing(sqlite3.connect(self.sqlite_path, timeout=30)) as conn:
                return conn.execute(sql).fetchall()
        import psycopg

        with psycopg.connect(self.database_url) as conn:
            return conn.execute(sql).fetchall()

    def tables(self) -> list[str]:
        if self.sqlite_path is not None:
            sql = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        else:
            sql = "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
        return sorted(name for (name,) in self.query(sql))

    def stop(self, process: subprocess.Popen, timeout: float = 30) -> None:
        """SIGTERM (as a service manager stops it), then SIGKILL if it does not go."""
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def close(self) -> None:
        for process in self._processes:
            if process.poll() is None:
                process.kill()
                process.wait()
        if self._server:
            _admin(self._server, f'DROP DATABASE IF EXISTS "{self._database}" WITH (FORCE)')

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
