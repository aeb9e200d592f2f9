from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sunrelay.web.configcheck import findings


class Command(BaseCommand):
    help = "Serve the web UI and API (waitress) on SUNRELAY_HOST:SUNRELAY_PORT."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=None, help="default: SUNRELAY_HOST or 127.0.0.1")
        parser.add_argument("--port", type=int, default=None, help="default: SUNRELAY_PORT or 8000")
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args, host, port, threads, **options):
        import os

        from waitress import serve

        from sunrelay.wsgi import application

        errors = [f.text for f in findings() if f.level == "error"]
        if errors:
            raise CommandError("Not starting:\n  " + "\n  ".join(errors))
        host = host or os.environ.get("SUNRELAY_HOST", "127.0.0.1")
        port = port or settings.PORT
        self.stdout.write(f"Sunrelay is serving on http://{host}:{port}/ (Ctrl-C stops it)")
        serve(application, host=host, port=port, threads=threads, ident="sunrelay")
