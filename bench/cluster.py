"""Sunrelay as several real processes on one PostgreSQL database, for tests and benchmarks.

An `Installation` creates a fresh database on the PostgreSQL server that DATABASE_URL names
(dropped on close()) and a data directory of its own, and runs `sunrelay` commands against
both: listeners, workers, imports, each a process of its own, as on several machines.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

# One home for the loopback helpers: the soak's sandbox (bench/sandbox.py).
from bench.sandbox import CLI, ROOT, _admin, free_port, postgres_url

__all__ = ["CLI", "ROOT", "Installation", "free_port", "postgres_url"]


class Installation:
    def __init__(self, root: Path, server_url: str, **env: str) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self._server = server_url
        self.database = f"sunrelay_cluster_{secrets.token_hex(4)}"
        _admin(server_url, f'CREATE DATABASE "{self.database}"')
        self.database_url = urlunsplit(urlsplit(server_url)._replace(path="/" + self.database))
        self.env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(
                p for p in (str(ROOT / "src"), str(ROOT), os.environ.get("PYTHONPATH", "")) if p
            ),
            "DJANGO_SETTINGS_MODULE": "sunrelay.settings",
            "SUNRELAY_DATA_DIR": str(self.root),
            "DATABASE_URL": self.database_url,
            "SUNRELAY_LOG_LEVEL": "WARNING",
            **env,
        }
        self.processes: list[subprocess.Popen] = []

    def relay_to(self, port: int) -> None:
        """Outgoing mail goes to an SMTP server on loopback (a sink)."""
        self.env.update(
            SUNRELAY_SMTP_RELAY_HOST="127.0.0.1",
            SUNRELAY_SMTP_RELAY_PORT=str(port),
            SUNRELAY_SMTP_RELAY_TLS="none",
        )

    def run(self, *args: str, timeout: float = 600) -> str:
        """Run a command (`sunrelay ARGS`, or `python -c`/`-m` when args start with "-") to its
        end; its standard output. Fails loudly."""
        command = [sys.executable, *args] if args[0].startswith("-") else [*CLI, *args]
        done = subprocess.run(  # noqa: S603
            command, env=self.env, cwd=ROOT, capture_output=True, text=True, timeout=timeout
        )
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(args)[:200]} failed:\n{done.stderr[-4000:]}")
        return done.stdout

    def start(self, *args: str, log: str) -> subprocess.Popen:
        """Start `sunrelay ARGS` in the background, its output in `log` under the root."""
        with open(self.root / log, "ab") as out:
            process = subprocess.Popen(  # noqa: S603
                [*CLI, *args], env=self.env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT
            )
        self.processes.append(process)
        return process

    def listen(self, log: str, timeout: float = 90) -> int:
        """Start an SMTP listener (`sunrelay smtpd`) on a port of its own; the port, once open."""
        port = free_port()
        process = self.start("smtpd", "--host", "127.0.0.1", "--port", str(port), log=log)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"sunrelay smtpd stopped:\n{self.log(log)[-3000:]}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return port
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"sunrelay smtpd did not listen within {timeout:g} s")

    def log(self, name: str) -> str:
        path = self.root / name
        return path.read_text(errors="replace") if path.exists() else ""

    def query(self, sql: str) -> list[tuple]:
        import psycopg

        with psycopg.connect(self.database_url) as conn:
            return conn.execute(sql).fetchall()

    def stop(self, process: subprocess.Popen, timeout: float = 30) -> None:
        """SIGTERM, as a service manager stops it; SIGKILL if it does not go."""
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def close(self) -> None:
        for process in self.processes:
            self.stop(process, timeout=10)
        _admin(self._server, f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')

    def __enter__(self) -> Installation:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
