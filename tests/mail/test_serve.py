"""`sunrelay serve` end to end: web, SMTP listener and worker in one command, stopped by Ctrl-C.

Mail sent with smtplib to the listener becomes a ticket, whose acknowledgement the worker
relays to an SMTP sink; the web server answers; SIGINT stops all three.
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


def test_serve_runs_web_smtp_and_worker_together(tmp_path):
    sink = Sink()
    sink_port, web_port, smtp_port = free_port(), free_port(), free_port()
    relay = Controller(sink, hostname="127.0.0.1", port=sink_port)
    relay.start()
    env = {
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
    cli = [sys.executable, "-m", "sunrelay.cli"]
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
        server.send_signal(signal.SIGINT)
        try:
            output, _ = server.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            output, _ = server.communicate()
        relay.stop()
    assert server.returncode is not None
    assert "SMTP intake on 127.0.0.1" in output and "Worker running" in output
    pid = int(output.split("Worker running (process ")[1].split(")")[0])
    assert wait_for(lambda: not _alive(pid), timeout=20), "the worker outlived serve"


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
