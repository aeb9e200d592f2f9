"""`sunrelay serve` end to end: web, SMTP listener and worker in one command.

Mail sent with smtplib to the listener becomes a ticket, whose acknowledgement the worker
relays to an SMTP sink; the web server answers; SIGTERM (a service manager's stop) stops all
three, as Ctrl-C does; if serve is killed outright, the worker notices and stops too.
"""

from __future__ import annotations

import os
import signal
import smtplib
import subprocess
import sys
import time
import urllib.request

from aiosmtpd.controller import Controller

from tests.mail.conftest import Sink, corpus, free_port


def wait_for(check, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return True
        except OSError:
            pass
        time.sleep(0.2)
    return False


def _env(tmp_path, web_port, smtp_port, sink_port) -> dict:
    return {
        **os.environ,
        "SUNRELAY_DATA_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        "SUNRELAY_PORT": str(web_port),
        "SUNRELAY_SMTP_PORT": str(smtp_port),
        "SUNRELAY_SMTP_RELAY_HOST": "127.0.0.1",
        "SUNRELAY_SMTP_RELAY_PORT": str(sink_port),
        "SUNRELAY_SMTP_RELAY_TLS": "none",
        "SUNRELAY_MAIL_ACKNOWLEDGE": "true",
    }


CLI = [sys.executable, "-m", "sunrelay.cli"]


def test_serve_runs_web_smtp_and_worker_together(tmp_path):
    sink = Sink()
    sink_port, web_port, smtp_port = free_port(), free_port(), free_port()
    relay = Controller(sink, hostname="127.0.0.1", port=sink_port)
    relay.start()
    env = _env(tmp_path, web_port, smtp_port, sink_port)
    cli = CLI
    subprocess.run([*cli, "migrate", "-v", "0"], env=env, check=True, timeout=180)  # noqa: S603
    server = subprocess.Popen(  # noqa: S603
        [*cli, "serve"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        health = f"http://127.0.0.1:{web_port}/healthz"
        assert wait_for(lambda: urllib.request.urlopen(health, timeout=2).status == 200)  # noqa: S310

        def deliver():
            with smtplib.SMTP("127.0.0.1", smtp_port, timeout=10) as smtp:
                smtp.sendmail(
                    "carla@acme.test", ["support@sunrelay.localhost"], corpus("001-new-plain.eml")
                )
            return True

        assert wait_for(deliver)
        assert wait_for(lambda: len(sink.envelopes) == 1), (
            "the worker did not relay the acknowledgement"
        )
        ack = sink.envelopes[0]
        assert ack.rcpt_tos == ["carla@acme.test"]
        assert b"Auto-Submitted: auto-replied" in ack.original_content
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            output, _ = server.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            output, _ = server.communicate()
        relay.stop()
    assert server.returncode is not None
    assert "SMTP intake on 127.0.0.1" in output and "Worker running" in output
    assert wait_for(lambda: not _alive(_worker_pid(output)), timeout=20), (
        "the worker outlived serve"
    )


def test_the_worker_stops_when_serve_is_killed_outright(tmp_path):
    env = _env(tmp_path, free_port(), free_port(), free_port())
    subprocess.run([*CLI, "migrate", "-v", "0"], env=env, check=True, timeout=180)  # noqa: S603
    server = subprocess.Popen(  # noqa: S603
        [*CLI, "serve", "--no-smtp"], env=env, stdout=subprocess.PIPE, text=True
    )
    output = ""
    while "Worker running: " not in output:  # the worker's own line: it is up
        line = server.stdout.readline()
        assert line, "serve ended before its worker started"
        output += line
    pid = _worker_pid(output)
    server.kill()
    server.wait()
    try:  # the pipe stays open meanwhile: the worker must stop by itself, not by a write error
        assert wait_for(lambda: not _alive(pid), timeout=20), "the worker outlived a killed serve"
    finally:
        server.stdout.close()


def _worker_pid(output: str) -> int:
    return int(output.split("Worker running (process ")[1].split(")")[0])


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie (exited, not yet reaped) counts as gone
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split()[2] != "Z"
    except FileNotFoundError:
        return False
