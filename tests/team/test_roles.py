"""Who works tickets: team.roles.ticket_workers() agrees with works_tickets()."""

from __future__ import annotations

from django.contrib.auth.models import User

from sunrelay.team.roles import ticket_workers, works_tickets
from tests.factories import make_staff


def test_ticket_workers_are_active_people_in_a_working_role_and_superusers(db):
    bea = make_staff("bea", roles=["support", "lead"])  # two roles: listed once
    make_staff("sam", roles=["sales"])
    old = make_staff("olaf", roles=["support"], is_active=False)
    root = User.objects.create_superuser("root", "root@sunrelay.test", "pw-root-1234")
    root.first_name = "Root"
    root.save()

    assert list(ticket_workers()) == [bea, root]
    assert all(works_tickets(user) for user in ticket_workers())
    # Rotations put only the team on call; reports still name people who have left.
    assert list(ticket_workers(superusers=False)) == [bea]
    assert list(ticket_workers(superusers=False, former=True)) == [bea, old]
