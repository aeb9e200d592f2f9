from __future__ import annotations

import signal
import threading

from django.core.management.base import BaseCommand

from sunrelay.lib import worker


class Command(BaseCommand):
    help = "Run the background worker: mail recovery, the outbox, IMAP polling and more."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="do what is due now, then exit")
        parser.add_argument("--drain", action="append", help="run only this drain (repeatable)")
        parser.add_argument(
            "--list", dest="list_drains", action="store_true", help="list the registered drains"
        )

    def handle(self, *args, once, drain, list_drains, **options):
        if list_drains:
            for item in worker.drains():
                every = item.interval()
                self.stdout.write(f"{item.name}" + (f" (every {every:g} s)" if every else ""))
            return
        if once:
            worker.run_until_idle(drain)
            return
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        self.stdout.write("Worker running: " + ", ".join(d.name for d in worker.drains()))
        try:
            worker.run_forever(stop, drain)
        except KeyboardInterrupt:
            stop.set()
