"""Mail throughput on PostgreSQL: one `sunrelay mail import`, then a backlog of stored mail
drained by one worker and by two (`sunrelay worker`, real processes claiming rows with
lib.leases).

    DATABASE_URL=postgres://USER@HOST:PORT/DB python -m bench.workers_pg [--messages 2000]

Each figure runs on a fresh database created on that server (and dropped). The backlog is
the generated archive stored raw and left unclaimed, as after a crash or a burst the
listeners stored faster than they processed; the workers take one message at a time, each in
its own transaction, as they do in production. Rates count from the first message processed
to the last, by the database's time stamps (process start-up is not counted); the per-CPU
figure counts the workers' own CPU time over the same stretch, which a busy machine changes
less than wall time.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from bench.cluster import Installation, postgres_url
from bench.mailgen import write_mbox

STORE_ONLY = """
import sys
import django
django.setup()
from sunrelay.mail import intake
from sunrelay.mail.models import RawMessage
from sunrelay.mail.sources import iter_mbox
batch = []
with open(sys.argv[1], "rb") as handle:
    for raw in iter_mbox(handle):
        batch.append(raw)
        if len(batch) == 200:
            intake.store_many(batch, source="import")
            batch = []
if batch:
    intake.store_many(batch, source="import")
RawMessage.objects.update(claimed_at=None, claim_token="")
"""


def _pending(site: Installation) -> int:
    return site.query("SELECT count(*) FROM mail_rawmessage WHERE state = 'pending'")[0][0]


def _span_rate(site: Installation, start_column: str) -> float:
    """Messages per second between the first `start_column` and the last processed_at, as
    the database recorded them: process start-up is not counted."""
    count, seconds = site.query(
        f"SELECT count(*), EXTRACT(EPOCH FROM max(processed_at) - min({start_column})) "  # noqa: S608
        "FROM mail_rawmessage WHERE state <> 'pending'"
    )[0]
    return (count - 1) / float(seconds)


def import_rate(server: str, mbox: Path, root: Path) -> float:
    with Installation(root / "import", server) as site:
        site.run("migrate", "--no-input", "-v", "0")
        site.run("mail", "import", "--json", "--no-progress", str(mbox))
        return _span_rate(site, "received_at")


def _cpu_seconds(pid: int) -> float:
    """User and system CPU time of a running process (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def drain_rate(server: str, mbox: Path, workers: int, root: Path) -> tuple[float, float]:
    """(messages per second, messages per CPU second of the workers) draining the backlog,
    both from the first message processed on: process start-up is not counted."""
    with Installation(root / f"workers-{workers}", server) as site:
        site.run("migrate", "--no-input", "-v", "0")
        site.run("-c", STORE_ONLY, str(mbox))
        total = _pending(site)
        processes = [
            site.start("worker", "--drain", "mail.recover_inbound", log=f"worker-{n}.log")
            for n in range(workers)
        ]
        while _pending(site) == total:
            time.sleep(0.05)
        first = _pending(site)
        cpu_then = sum(_cpu_seconds(p.pid) for p in processes)
        while _pending(site):
            time.sleep(0.2)
        cpu = sum(_cpu_seconds(p.pid) for p in processes) - cpu_then
        return _span_rate(site, "processed_at"), first / cpu


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.workers_pg")
    parser.add_argument("--messages", type=int, default=2000)
    args = parser.parse_args()
    server = postgres_url()
    if server is None:
        sys.exit("Set DATABASE_URL to a PostgreSQL server (postgres://USER@HOST:PORT/DB).")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        mbox = write_mbox(root / "archive.mbox", args.messages)
        figures = {"messages": args.messages}
        figures["import_pg_per_s"] = round(import_rate(server, mbox, root), 1)
        for workers in (1, 2):
            wall, per_cpu = drain_rate(server, mbox, workers, root)
            figures[f"workers_{workers}_per_s"] = round(wall, 1)
            figures[f"workers_{workers}_per_cpu_s"] = round(per_cpu, 1)
        figures["load_average"] = os.getloadavg()[0]
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
