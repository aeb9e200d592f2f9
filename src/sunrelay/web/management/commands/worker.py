from __future__ import annotations

import os
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
        parser.add_argument(
            "--parent", type=int, help="stop when this process (sunrelay serve) is gone"
        )

    def handle(self, *args, once, drain, list_drains, parent=None, **options):
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
        if parent:
            threading.Thread(target=_watch_parent, args=(parent, stop), daemon=True).start()
        self.stdout.write("Worker running: " + ", ".join(d.name for d in worker.drains()))
        try:
            worker.run_forever(stop, drain)
        except KeyboardInterrupt:
            stop.set()


def _watch_parent(parent: int, stop: threading.Event) -> None:
    # If serve was killed outright (no chance to stop us), we are re-parented: stop too.
    while not stop.wait(2):
        if os.getppid() != parent:
            stop.set()
