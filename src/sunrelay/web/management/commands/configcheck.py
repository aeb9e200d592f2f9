from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from sunrelay.web.configcheck import database_label, findings


class Command(BaseCommand):
    help = "Check Sunrelay's configuration and say in plain words what is wrong."

    def handle(self, *args, **options):
        found = findings()
        for finding in found:
            style = self.style.ERROR if finding.level == "error" else self.style.WARNING
            self.stdout.write(style(f"{finding.level.upper()}: {finding.text}"))
        call_command("check", stdout=self.stdout, stderr=self.stderr)
        errors = [f for f in found if f.level == "error"]
        if errors:
            raise CommandError(f"{len(errors)} problem(s) must be fixed before Sunrelay can run.")
        self.stdout.write(self.style.SUCCESS(f"Configuration OK ({database_label()})."))
