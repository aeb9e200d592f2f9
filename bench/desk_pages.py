"""The desk at scale: queues, the ticket page and search through the real views, on a
generated desk of 100,000 tickets (and 1,000,000 with BENCH_SCALE=1m), about five messages
a ticket (bench.bulkload --desk).

Figures, in ms, the median over the runs of each run's p95 (server time, logged in as a
support engineer; bench/desk_child.py says how it is taken): queue_p95_<scale>,
ticket_page_p95_<scale>, search_p95_<scale>, and search_suggest_p95_<scale> (the top bar's
suggestions as you type). At 100k the peer's figures (bench/peers/django_helpdesk) stand
beside them when it was measured.

The generated database is kept in bench/.data/, named after the generator's sources and the
migrations, so a second run at the same scale measures at once; `python -m bench --fresh`
(or deleting the folder) generates them anew.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from bench.results import Figure

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / ".data"
SCALES = {"20k": 20_000, "100k": 100_000, "1m": 1_000_000}
WEEKS = 104  # two years of history: at 1M, about 9,600 tickets a week
GENERATOR = ("reportgen.py", "reportstory.py", "deskrows.py", "bulkload.py")


def scales_from_env() -> list[str]:
    """BENCH_SCALE=1m measures 100k and 1m; BENCH_SCALE=20k only 20k (a quick look)."""
    wanted = os.environ.get("BENCH_SCALE", "100k").lower()
    if wanted not in SCALES:
        raise SystemExit(f"BENCH_SCALE={wanted!r}: use one of {', '.join(SCALES)}.")
    return ["100k", "1m"] if wanted == "1m" else [wanted]


def _env(db: Path) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{db}",
        "SUNRELAY_DATA_DIR": str(db.parent),
        "SUNRELAY_LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "sunrelay.settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
    }


def _fingerprint() -> str:
    """Changes when the generator or the schema does."""
    digest = hashlib.sha256()
    for name in GENERATOR:
        digest.update((ROOT / "bench" / name).read_bytes())
    for path in sorted((ROOT / "src" / "sunrelay").glob("*/migrations/0*.py")):
        digest.update(path.read_bytes())
    digest.update((ROOT / "src" / "sunrelay" / "demo" / "texts.py").read_bytes())
    return digest.hexdigest()[:12]


def database(scale: str, *, progress=print) -> Path:
    """The generated desk of this scale, generated now if it is not kept already."""
    db = DATA / f"desk-{scale}-{_fingerprint()}.sqlite3"
    if db.exists():
        return db
    DATA.mkdir(parents=True, exist_ok=True)
    for old in DATA.glob(f"desk-{scale}-*"):
        old.unlink()
    partial = db.with_suffix(".partial")
    env = _env(partial)
    started = time.perf_counter()
    progress(f"Generating the {scale} desk in {db.parent} …")
    subprocess.run(  # noqa: S603
        [sys.executable, "-m", "sunrelay.cli", "migrate", "--no-input", "-v", "0"],
        env=env, cwd=ROOT, check=True,
    )  # fmt: skip
    subprocess.run(  # noqa: S603
        [sys.executable, "-m", "bench.bulkload", "--tickets", str(SCALES[scale]),
         "--weeks", str(WEEKS), "--desk"],
        env=env, cwd=ROOT, check=True,
    )  # fmt: skip
    _one_file(partial)
    partial.rename(db)
    progress(f"  generated in {time.perf_counter() - started:.0f} s")
    return db


def _one_file(path: Path) -> None:
    """Everything in the database file, no write-ahead log beside it (Sunrelay turns WAL on
    again when it connects)."""
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA journal_mode=DELETE")
    finally:
        conn.close()


def measure(db: Path, runs: int, requests: int) -> dict:
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "bench.desk_child", "--runs", str(runs),
         "--requests", str(requests)],
        env=_env(db), cwd=ROOT, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


NAMES = {
    "queue": ("queue_p95", "the queues: open, mine, by tier and level, filters, sorts, pages"),
    "queue_results": (
        "queue_results_p95",
        "the same queues' results as the page asks for them (paging, filters, refresh)",
    ),
    "ticket": ("ticket_page_p95", "the ticket page: thread, history, SLA, forms"),
    "search": ("search_p95", "the search results page: words, ids, people, filters"),
    "suggest": ("search_suggest_p95", "the top bar's suggestions as you type"),
}


# The peer's page measured beside each of ours (bench/peers/django_helpdesk/peer.py). Its
# ticket list is two requests, a page and then the data its table asks for: our queue page
# is measured beside both together, our queue's results (the fragment) beside the data.
PEER_PAGES = {
    "queue": "list_page_p95",
    "queue_results": "list_p95",
    "search": "search_p95",
    "ticket": "ticket_p95",
}


def figures(scale: str, result: dict, peer: dict | None) -> list[Figure]:
    """`peer`: the peer's figures measured on this scale's desk, or None."""
    found = []
    for kind, (name, what) in NAMES.items():
        data = result[kind]
        peer_value = None
        if peer and kind in PEER_PAGES:
            peer_value = round(peer[PEER_PAGES[kind]], 1)
        note = (
            f"{what}; p50 {data['p50']:.0f} ms, CPU p95 {data['cpu_p95']:.0f} ms, "
            f"≤ {data['most_queries']} queries"
        )
        found.append(
            Figure(f"{name}_{scale}", round(data["p95"], 1), "ms", SCALES[scale], peer_value, note)
        )
    return found


def run(runs: int, *, scales: list[str], requests: int = 150, peer: dict | None = None,
        peer_scale: str = "") -> list[Figure]:  # fmt: skip
    """Figures of every scale; `peer` (measured on the `peer_scale` desk) beside that one's."""
    from rich.console import Console

    console = Console(stderr=True)
    found = []
    for scale in scales:
        db = database(scale, progress=console.print)
        console.print(f"Measuring the {scale} desk ({runs} runs of {requests} requests a page) …")
        result = measure(db, runs, requests)
        for kind, data in result.items():
            console.print(
                f"  {kind}: p95 {', '.join(f'{v:.0f}' for v in data['runs']['p95'])} ms "
                f"(CPU {', '.join(f'{v:.0f}' for v in data['runs']['cpu_p95'])}); "
                f"at most {data['most_queries']} queries"
            )
        found += figures(scale, result, peer if scale == peer_scale else None)
    return found
