"""Runs inside django-helpdesk's own virtual environment (run.py makes it), with
DJANGO_SETTINGS_MODULE=project.settings and PEER_DB naming its SQLite file. Prints JSON.

    python peer.py load SUNRELAY_DB      the same tickets and messages, in bulk
    python peer.py import MBOX           the same mbox through helpdesk's e-mail import
    python peer.py measure RUNS REQUESTS ticket list data, keyword search, ticket page

Nothing of Sunrelay is imported here: the tickets are read from Sunrelay's generated SQLite
file with the standard library.
"""

import json
import logging
import mailbox
import random
import sqlite3
import statistics
import sys
import time
from base64 import b64encode

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import close_old_connections, connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from helpdesk.email import extract_email_metadata  # noqa: E402
from helpdesk.models import FollowUp, Queue, Ticket  # noqa: E402

# Sunrelay's statuses and priorities in helpdesk's numbers (it has no "pending": open).
STATUS = {"new": 1, "open": 1, "pending": 1, "on_hold": 1, "solved": 3, "closed": 4}
PRIORITY = {"urgent": 1, "high": 2, "normal": 3, "low": 4}
STAFF = "keisha"
BATCH = 5000


def _queue():
    queue, _ = Queue.objects.get_or_create(
        slug="support",
        defaults={
            "title": "Support",
            "email_address": "support@sunrelay.localhost",
            "allow_email_submission": True,
            "email_box_type": "local",
        },
    )
    return queue


def _historic(model, *names):
    """bulk_create keeps our dates only if auto_now(_add) is off while it runs."""
    for name in names:
        field = model._meta.get_field(name)
        field.auto_now = field.auto_now_add = False


def load(sunrelay_db):
    call_command("migrate", verbosity=0)
    queue = _queue()
    source = sqlite3.connect(sunrelay_db)
    users = {}
    for pk, username, first, last, email in source.execute(
        "SELECT id, username, first_name, last_name, email FROM auth_user"
    ):
        user = get_user_model().objects.create(
            username=username, first_name=first, last_name=last, email=email, is_staff=True
        )
        users[pk] = user.pk
    _historic(Ticket, "created", "modified")
    _historic(FollowUp, "date")
    started, tickets, followups = time.perf_counter(), 0, 0
    rows = source.execute(
        "SELECT t.id, t.subject, t.status, t.priority, t.created_at, t.updated_at, "
        "t.assignee_id, c.email FROM desk_ticket t JOIN accounts_contact c "
        "ON c.id = t.requester_id ORDER BY t.id"
    )
    while batch := rows.fetchmany(BATCH):
        ids = [row[0] for row in batch]
        marks = ",".join("?" * len(ids))
        messages = {}
        for ticket_id, kind, user, body, at in source.execute(
            "SELECT ticket_id, kind, author_user_id, body_text, created_at FROM desk_message "  # noqa: S608
            f"WHERE ticket_id IN ({marks}) ORDER BY ticket_id, created_at, id",
            ids,
        ):
            messages.setdefault(ticket_id, []).append((kind, user, body, at))
        with transaction.atomic():
            new = [
                Ticket(
                    id=tid,
                    title=subject[:200],
                    queue=queue,
                    created=_at(created),
                    modified=_at(updated),
                    submitter_email=email,
                    status=STATUS[status],
                    priority=PRIORITY[priority],
                    assigned_to_id=users.get(assignee),
                    description=messages.get(tid, [("", None, "", created)])[0][2],
                )  # fmt: skip
                for tid, subject, status, priority, created, updated, assignee, email in batch
            ]
            Ticket.objects.bulk_create(new)
            follow = [
                FollowUp(
                    ticket_id=tid,
                    date=_at(at),
                    title="Comment",
                    comment=body,
                    public=kind != "note",
                    user_id=users.get(user),
                )  # fmt: skip
                for tid in ids
                for kind, user, body, at in messages.get(tid, [])[1:]
            ]
            FollowUp.objects.bulk_create(follow)
        tickets += len(new)
        followups += len(follow)
        print(
            f"{tickets:,} tickets loaded ({time.perf_counter() - started:.0f} s)", file=sys.stderr
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(json.dumps({"tickets": tickets, "followups": followups}))


def _at(text):
    from datetime import UTC, datetime

    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def import_mail(path):
    """Every message of the mbox through extract_email_metadata, helpdesk's own processing
    of one e-mail (what its get_email command calls for each file of a local mailbox), in
    the mbox's order so replies find their tickets."""
    call_command("migrate", verbosity=0)
    queue = _queue()
    logger = logging.getLogger("helpdesk.bench")
    texts = [m.decode("utf-8", errors="replace") for m in _messages(path)]
    sample = 200
    with CaptureQueriesContext(connection) as queries:
        for text in texts[:sample]:
            extract_email_metadata(message=text, queue=queue, logger=logger)
    started, cpu = time.perf_counter(), time.process_time()
    for text in texts[sample:]:
        extract_email_metadata(message=text, queue=queue, logger=logger)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    timed = len(texts) - sample
    print(
        json.dumps(
            {
                "messages": len(texts),
                "rate": timed / seconds,
                "cpu_rate": timed / cpu_seconds,
                "queries_per_message": len(queries) / sample,
                "tickets": Ticket.objects.count(),
                "followups": FollowUp.objects.count(),
            }
        )
    )


def _messages(path):
    box = mailbox.mbox(path, create=False)
    for key in box.iterkeys():
        yield box.get_bytes(key)


def _list_url(search=""):
    """What helpdesk's ticket list page asks for: its default query (open and reopened,
    oldest first) or a keyword search over every ticket, 25 rows."""
    if search:
        params = {"filtering": {}, "sorting": "created", "search_string": search}
    else:
        params = {"filtering": {"status__in": [1, 2]}, "sorting": "created", "search_string": ""}
    query = b64encode(json.dumps(params).encode()).decode()
    return f"/helpdesk/datatables_ticket_list/{query}?draw=1&start=0&length=25"


SEARCHES = [
    "blank tiles", "statement timeout", "invalid geometry", "geocod", "webhook", "rate limit",
    "KML", "401", "Safari", "access denied", "pipelines",
]  # fmt: skip


def measure(runs, requests):
    client = Client(HTTP_HOST="localhost")
    client.force_login(get_user_model().objects.get(username=STAFF))
    rng = random.Random(21)
    top = Ticket.objects.order_by("-id").values_list("id", flat=True).first()
    emails = list(Ticket.objects.order_by("?").values_list("submitter_email", flat=True)[:4])
    # A visit is the requests one look at a page takes; its time is theirs together.
    pages = {
        "list": [(_list_url(),)],
        # The list as a person opens it: the page, then the data its table asks for.
        "list_page": [("/helpdesk/tickets/", _list_url())],
        "search": [(_list_url(q),) for q in SEARCHES + emails],
        "ticket": [(f"/helpdesk/tickets/{rng.randint(int(top * 0.95), top)}/",) for _ in range(50)],
    }
    result = {}
    for kind, visits in pages.items():
        _time(client, visits[:2])
        p50, p95 = [], []
        for _ in range(runs):
            seconds = _time(client, [rng.choice(visits) for _ in range(requests)])
            p50.append(_percentile(seconds, 0.5))
            p95.append(_percentile(seconds, 0.95))
        with CaptureQueriesContext(connection) as queries:
            for url in visits[0]:
                client.get(url)
        result[f"{kind}_p50"] = statistics.median(p50)
        result[f"{kind}_p95"] = statistics.median(p95)
        result[f"{kind}_queries"] = len(queries)
    print(json.dumps(result))


def _time(client, visits):
    """Milliseconds of each visit: its requests' server times added up."""
    seconds = []
    for visit in visits:
        spent = 0.0
        for url in visit:
            started = time.perf_counter()
            response = client.get(url)
            spent += (time.perf_counter() - started) * 1000
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}")
            close_old_connections()
        seconds.append(spent)
    return seconds


def _percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    if command == "load":
        load(args[0])
    elif command == "import":
        import_mail(args[0])
    else:
        measure(int(args[0]), int(args[1]))
