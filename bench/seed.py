"""Child process of a sandbox (bench/sandbox.py): staff with API tokens and open tickets.

    python -m bench.seed AGENTS TICKETS

Prints one JSON line: {"agents": [{"username", "password", "token"}], "tickets": [ids]}.
"""

from __future__ import annotations

import json
import os
import sys
from decimal import Decimal

PASSWORD = "soak-agent-password-1"  # noqa: S105 -- a throw-away sandbox's agents


def main(agents: int, tickets: int) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sunrelay.settings")
    django.setup()
    from django.contrib.auth.models import User

    from sunrelay.accounts.models import Account, AccountDomain, Contact
    from sunrelay.api.tokens import create_token
    from sunrelay.desk import services
    from sunrelay.team.models import Role, StaffProfile, StaffRole

    made = []
    for i in range(agents):
        user = User.objects.create_user(
            f"agent{i}", f"agent{i}@sunrelay.test", PASSWORD, first_name=f"Agent {i}"
        )
        StaffProfile.objects.create(user=user, time_zone="Europe/Madrid")
        StaffRole.objects.create(user=user, role=Role.SUPPORT)
        _token, raw = create_token(user, "soak")
        made.append({"username": user.username, "password": PASSWORD, "token": raw})
    account = Account.objects.create(name="Soak Maps", tier="enterprise", mrr=Decimal(16000))
    AccountDomain.objects.create(account=account, domain="soak.test")
    ids = []
    for i in range(tickets):
        contact = Contact.objects.create(
            name=f"Customer {i}", email=f"customer{i}@soak.test", account=account
        )
        new = services.NewTicket(requester=contact, subject=f"Soak ticket {i}", body="Help.")
        ids.append(services.create_ticket(new, actor=None).ticket.pk)
    print(json.dumps({"agents": made, "tickets": ids}))


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
