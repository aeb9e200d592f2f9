from __future__ import annotations

from django.apps import AppConfig


class MailConfig(AppConfig):
    name = "sunrelay.mail"
    label = "mail"
    verbose_name = "E-mail channel"

    def ready(self) -> None:
        # The worker's units of work for mail; see sunrelay.lib.worker for the contract.
        from sunrelay.lib import worker
        from sunrelay.mail import imap, intake, listeners, outbox, retention  # noqa: F401

        worker.register("mail.recover_inbound", intake.recover_one)
        worker.register("mail.send_outbox", outbox.send_one)
        worker.register("mail.poll_imap", imap.poll_drain, every=imap.poll_interval)
        worker.register("mail.purge_discarded", retention.purge_one, every=3600)
