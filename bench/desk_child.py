"""Child process of the scale benchmark (bench/desk_pages.py): requests through the real
views, logged in as a support engineer, on a database bench.bulkload generated.

    python -m bench.desk_child --runs 3 --requests 150     (DATABASE_URL: that database)

Prints one JSON line: for each page kind, the p50 and p95 of every run (ms) and the most SQL
queries one request of it made. The time is the server's: from the request entering Django
(the test client, in process: no network, no browser) to the response rendered. After every
request the connections are handled as the server's request cycle does (kept up to
CONN_MAX_AGE, then opened anew).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import time

AGENT = "keisha"  # a support engineer in New York (the demo's team)
SEED = 21


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def queue_urls() -> list[str]:
    """The queue pages a support engineer opens: the open queues in their default order
    (most urgent first), a few filters and sorts, the next pages, and every ticket by last
    update (solved ones too) — the list that grows with the history."""
    base = "/desk/queues/"
    return [
        f"{base}open/",
        f"{base}open/?page=2",
        f"{base}open/?page=5",
        f"{base}mine/",
        f"{base}unassigned/",
        f"{base}strategic/",
        f"{base}tier-enterprise/",
        f"{base}level-l2/",
        f"{base}open/?priority=urgent",
        f"{base}open/?sort=-updated",
        f"{base}open/?sort=-priority",
        f"{base}open/?assignee=me&status=pending",
        f"{base}open/?status=any&sort=-updated",
        f"{base}open/?status=any&sort=-updated&page=3",
        f"{base}open/?status=solved&sort=-updated",
        f"{base}tier-enterprise/?status=any&sort=-updated",
    ]


def ticket_ids(rng: random.Random, count: int) -> list[int]:
    """Tickets people open: mostly recent ones and the unsolved, some from anywhere."""
    from sunrelay.desk.models import UNSOLVED_STATUSES, Ticket

    top = Ticket.objects.order_by("-pk").values_list("pk", flat=True).first()
    unsolved = list(
        Ticket.objects.filter(status__in=UNSOLVED_STATUSES).values_list("pk", flat=True)
    )
    ids = []
    for _ in range(count):
        roll = rng.random()
        if roll < 0.4 and unsolved:
            ids.append(rng.choice(unsolved))
        elif roll < 0.8:
            ids.append(rng.randint(max(1, int(top * 0.95)), top))
        else:
            ids.append(rng.randint(1, top))
    return ids


def search_queries(rng: random.Random) -> list[str]:
    """What people type: words and phrases of the customers' problems, a request id quoted
    in a message, a customer's address, name or company, prefixes, filters, a ticket number."""
    from sunrelay.accounts.models import Account, Contact
    from sunrelay.desk.models import Message, Ticket

    top = Ticket.objects.order_by("-pk").values_list("pk", flat=True).first()
    request_ids: list[str] = []
    for _ in range(400):  # advanced users quote them: a few tickets in ten
        if len(request_ids) == 8:
            break
        tid = rng.randint(1, top)
        texts = Message.objects.filter(ticket_id=tid).values_list("body_text", flat=True)
        request_ids += re.findall(r"req_[0-9a-f]{12}", " ".join(texts))[:1]
    contacts = list(Contact.objects.order_by("?").values_list("name", "email")[:4])
    accounts = list(Account.objects.order_by("?").values_list("name", flat=True)[:3])
    return [
        "blank tiles",
        "statement timeout",
        '"invalid geometry"',
        "geocod*",
        "webhook retries",
        "rate limit sync",
        "export KML",
        "401 rotated keys",
        "labels Safari",
        "S3 bucket access denied",
        "pipelines -import",
        *request_ids,
        *(email for _name, email in contacts),
        *(name for name, _email in contacts[:2]),
        *accounts,
        "tier:enterprise status:open tiles",
        "assignee:me status:unsolved",
        "status:open sla:breached",
        "has:attachment geojson",
        "priority:urgent timeout",
        "level:l2 export",
        f"from:{contacts[0][1]}",
        f"#{rng.randint(1, top)}",
    ]


# What htmx sends when the queue page asks for its results alone (paging, filtering, the
# refresh): the view answers the results fragment, without the top bar and navigation.
FRAGMENT = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "queue-results"}


def measure(client, urls: list[str], headers=None) -> tuple[list[float], list[float]]:
    """Milliseconds of each request: on the clock, and of this process's CPU (on a busy
    machine the clock also counts the time other processes had the cores)."""
    from django.db import close_old_connections

    wall, cpu = [], []
    for url in urls:
        started, cpu_started = time.perf_counter(), time.process_time()
        response = client.get(url, **(headers or {}))
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        close_old_connections()
    return wall, cpu


def most_queries(client, urls: list[str], headers=None) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    most = 0
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            client.get(url, **(headers or {}))
        most = max(most, len(queries))
    return most


def main() -> None:
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.test import Client

    parser = argparse.ArgumentParser(prog="python -m bench.desk_child")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--requests", type=int, default=150, help="per page kind and run")
    parser.add_argument(
        "--only", default="queue,queue_results,ticket,search,suggest", help="page kinds"
    )
    args = parser.parse_args()
    rng = random.Random(SEED)
    client = Client(HTTP_HOST="localhost")
    client.force_login(User.objects.get(username=AGENT))
    queries = search_queries(rng)
    pages = {
        "queue": queue_urls(),
        "queue_results": queue_urls(),
        "ticket": [f"/desk/tickets/{pk}/" for pk in ticket_ids(rng, 400)],
        "search": [f"/desk/search/?q={q}" for q in queries],
        "suggest": [f"/desk/search/suggest/?q={q}" for q in queries],
    }
    result = {}
    for kind, urls in pages.items():
        if kind not in args.only.split(","):
            continue
        headers = FRAGMENT if kind == "queue_results" else None
        measure(client, urls[:10], headers)  # warm the operating system's file cache
        runs: dict[str, list[float]] = {"p50": [], "p95": [], "cpu_p50": [], "cpu_p95": []}
        for _ in range(args.runs):
            picked = [rng.choice(urls) for _ in range(args.requests)]
            wall, cpu = measure(client, picked, headers)
            runs["p50"].append(_percentile(wall, 0.5))
            runs["p95"].append(_percentile(wall, 0.95))
            runs["cpu_p50"].append(_percentile(cpu, 0.5))
            runs["cpu_p95"].append(_percentile(cpu, 0.95))
        result[kind] = {
            "runs": runs,
            **{name: statistics.median(values) for name, values in runs.items()},
            "most_queries": most_queries(client, urls[:40], headers),
        }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
