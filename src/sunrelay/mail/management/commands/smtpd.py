from __future__ import annotations

import threading

from django.conf import settings
from django.core.management.base import BaseCommand

from sunrelay.mail import smtpd


class Command(BaseCommand):
    help = "Run only the SMTP listener for the support addresses (Ctrl-C stops it)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=None, help="default: SUNRELAY_SMTP_HOST")
        parser.add_argument("--port", type=int, default=None, help="default: SUNRELAY_SMTP_PORT")

    def handle(self, *args, host, port, **options):
        listener = smtpd.start(host, port)
        self.stdout.write(
            f"SMTP listener on {listener.hostname}:{listener.port} for "
            f"{', '.join(settings.MAIL_SUPPORT_ADDRESSES)} (Ctrl-C stops it)"
        )
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
        finally:
            listener.stop()
