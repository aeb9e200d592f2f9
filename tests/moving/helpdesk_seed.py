"""Runs inside django-helpdesk's own virtual environment (bench/peers/django_helpdesk's),
with its benchmark project: tickets made through django-helpdesk's own code (the public
form, update_ticket), at past dates. Prints, as JSON, what each ISO week's report should
count, read back from django-helpdesk's rows. Nothing of Sunrelay is imported here.

    python helpdesk_seed.py TICKETS
"""

import json
import random
import sys
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from unittest import mock

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from helpdesk.forms import PublicTicketForm  # noqa: E402
from helpdesk.models import FollowUp, Queue, Ticket  # noqa: E402
from helpdesk.update_ticket import update_ticket  # noqa: E402

START = datetime(2026, 11, 2, 8, tzinfo=UTC)  # Monday of 2026-W45


def at(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


def seed(count: int) -> None:
    rng = random.Random(11)
    users = get_user_model().objects
    staff = [
        users.create_user("keisha", "keisha@ourdesk.test", "x", is_staff=True, first_name="Keisha"),
        users.create_user("omar", "omar@ourdesk.test", "x", is_staff=True, first_name="Omar"),
    ]
    customer = users.create_user("carla", "carla@acme.test", "x", first_name="Carla")
    for slug in ("support", "billing"):
        Queue.objects.create(title=slug.title(), slug=slug, allow_public_submission=True)
    queues = list(Queue.objects.all())
    for number in range(1, count + 1):
        now = START + timedelta(days=rng.randrange(0, 20), hours=rng.randrange(0, 9))
        email = "carla@acme.test" if number % 3 == 0 else f"person{number % 5}@globex.test"
        data = {
            "queue": str(rng.choice(queues).pk), "title": f"Helpdesk ticket {number}",
            "body": f"Ticket {number}: the export fails.", "priority": str(rng.randint(1, 5)),
            "submitter_email": email,
        }  # fmt: skip
        files = {"attachment": SimpleUploadedFile("log.txt", b"line 1\n")} if number == 1 else {}
        form = PublicTicketForm(data=data, files=files)
        assert form.is_valid(), form.errors
        with at(now):
            ticket = form.save(user=None)
        agent = rng.choice(staff)
        plan = number % 4
        if plan == 3:
            if number == 7:  # waiting on a third party
                Ticket.objects.filter(pk=ticket.pk).update(on_hold=True)
            continue  # left open, unanswered
        now += timedelta(hours=rng.choice([1, 3, 6]))
        with at(now):
            update_ticket(agent, ticket, comment="Checking the logs.", public=False, owner=agent.pk)
        now += timedelta(hours=1)
        status = Ticket.RESOLVED_STATUS if plan != 1 else Ticket.OPEN_STATUS
        with at(now):
            update_ticket(
                agent, ticket, comment="Fixed on our side.", public=True, new_status=status
            )
        if plan == 1 or number % 8 == 0:
            now += timedelta(hours=30)
            writer = customer if email == "carla@acme.test" else agent
            reopen = Ticket.REOPENED_STATUS if ticket.status == Ticket.RESOLVED_STATUS else None
            with at(now):
                update_ticket(
                    writer, ticket, comment="Still broken.", public=True, new_status=reopen
                )
            now += timedelta(hours=2)
            with at(now):
                update_ticket(agent, ticket, comment="Now it works.", public=True,
                              new_status=Ticket.RESOLVED_STATUS)  # fmt: skip
        if plan == 2:
            now += timedelta(days=3)
            with at(now):
                update_ticket(agent, ticket, new_status=Ticket.CLOSED_STATUS)


def week(moment) -> str:
    year, number, _ = moment.isocalendar()
    return f"{year}-W{number:02d}"


def expected() -> dict:
    counts = defaultdict(Counter)
    for ticket in Ticket.objects.all():
        counts["received"][week(ticket.created)] += 1
    solved, reopened = defaultdict(set), defaultdict(set)
    for followup in FollowUp.objects.select_related("user").order_by("date", "id"):
        if followup.new_status == Ticket.RESOLVED_STATUS:
            solved[week(followup.date)].add(followup.ticket_id)
        if followup.new_status == Ticket.REOPENED_STATUS:
            reopened[week(followup.date)].add(followup.ticket_id)
        staff_reply = followup.user is not None and followup.user.is_staff
        if staff_reply and followup.public and followup.comment:
            counts["replies"][week(followup.date)] += 1
    counts["solved"] = Counter({k: len(v) for k, v in solved.items()})
    counts["reopened"] = Counter({k: len(v) for k, v in reopened.items()})
    return {k: dict(v) for k, v in counts.items()}


if __name__ == "__main__":
    call_command("migrate", verbosity=0)
    seed(int(sys.argv[1]))
    print(json.dumps(expected()))
