"""`sunrelay serve`: the web UI and API, the SMTP listener and the worker, stopped by Ctrl-C.

The worker runs as a child process (`sunrelay worker`), not a thread: it parses mail and
waits on SMTP relays, and in its own process it neither competes with the web server for
the interpreter lock nor takes it down if it fails; it is also exactly how a larger
installation runs it (several `sunrelay worker` processes beside the web server). The SMTP
listener is I/O only and runs in this process on its own event-loop thread.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sunrelay.web.configcheck import findings


class Command(BaseCommand):
    help = "Serve the web UI and API (waitress), the SMTP listener and the background worker."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=None, help="default: SUNRELAY_HOST or 127.0.0.1")
        parser.add_argument("--port", type=int, default=None, help="default: SUNRELAY_PORT or 8000")
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument("--no-smtp", action="store_true", help="do not start the SMTP listener")
        parser.add_argument("--no-worker", action="store_true", help="do not start the worker")

    def handle(self, *args, host, port, threads, no_smtp, no_worker, **options):
        from django.core.wsgi import get_wsgi_application
        from waitress import serve

        errors = [f.text for f in findings() if f.level == "error"]
        if errors:
            raise CommandError("Not starting:\n  " + "\n  ".join(errors))
        host = host or os.environ.get("SUNRELAY_HOST", "127.0.0.1")
        port = port or settings.PORT
        listener = worker = None
        try:
            if not no_smtp:
                from sunrelay.mail import smtpd

                try:
                    listener = smtpd.start()
                except OSError as exc:
                    raise CommandError(
                        f"Cannot listen for SMTP on {settings.MAIL_SMTP_HOST}:"
                        f"{settings.MAIL_SMTP_PORT}: {exc.strerror or exc}. Set SUNRELAY_SMTP_PORT "
                        "or start with --no-smtp."
                    ) from exc
                self.stdout.write(
                    f"SMTP intake on {settings.MAIL_SMTP_HOST}:{settings.MAIL_SMTP_PORT} for "
                    + ", ".join(settings.MAIL_SUPPORT_ADDRESSES)
                )
            if not no_worker:
                worker = subprocess.Popen(  # noqa: S603
                    [sys.executable, "-m", "sunrelay.cli", "worker", "--parent", str(os.getpid())]
                )
                self.stdout.write(f"Worker running (process {worker.pid})")
            self.stdout.write(f"Sunrelay is serving on http://{host}:{port}/ (Ctrl-C stops it)")
            # A service manager stops us with SIGTERM: shut down as for Ctrl-C, worker included.
            signal.signal(signal.SIGTERM, _interrupt)
            serve(get_wsgi_application(), host=host, port=port, threads=threads, ident="sunrelay")
        except KeyboardInterrupt:
            pass
        finally:
            if listener is not None:
                listener.stop()
            if worker is not None and worker.poll() is None:
                worker.terminate()
                try:
                    worker.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    worker.kill()


def _interrupt(signum, frame):
    raise KeyboardInterrupt
