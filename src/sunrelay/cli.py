"""The `sunrelay` command: Django's management commands under one name.

`sunrelay check` runs Sunrelay's configuration check (Django's own system check
stays reachable as `sunrelay djangocheck`).
"""

from __future__ import annotations

import os
import sys

ALIASES = {"check": "configcheck", "djangocheck": "check"}


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sunrelay.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else argv)
    args[0] = "sunrelay"
    if len(args) > 1:
        args[1] = ALIASES.get(args[1], args[1])
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
