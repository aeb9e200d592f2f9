"""Load on a running `sunrelay serve`: customers writing by SMTP while agents reply, note and
change status through the web and the API; then the ledger (bench/ledger.py).

    figures = load.run(sandbox, sink, Plan(seconds=300))

The sandbox must be seeded (its agents and tickets are the clients' to use), serving (web,
SMTP listener and worker) and relaying to `sink`.
"""

from __future__ import annotations

import random
import threading
import time
from dataclasses import asdict, dataclass

from bench import ledger
from bench.clients import ApiAgent, Customers, WebAgent, run_agent
from bench.sandbox import Sandbox
from bench.tally import Tally


@dataclass
class Plan:
    seconds: float
    senders: int = 4
    api_agents: int = 3
    web_agents: int = 3
    pause: float = 0.05  # mean seconds each client rests between operations
    seed: int = 13
    drain_timeout: float = 180


def run(sandbox: Sandbox, sink, plan: Plan) -> dict:
    tally = Tally()
    rng = random.Random(plan.seed)
    customers = Customers(sandbox.smtp_port, tally, rng)
    tickets = sandbox.seeded["tickets"]
    people = sandbox.seeded["agents"]
    agents = [
        ApiAgent(sandbox.web_port, people[i % len(people)]["token"], tickets, tally)
        for i in range(plan.api_agents)
    ] + [
        WebAgent(
            sandbox.web_port,
            people[i % len(people)]["username"],
            people[i % len(people)]["password"],
            tickets,
            tally,
        )
        for i in range(plan.web_agents)
    ]
    baseline = ledger.inbound_messages(sandbox)
    stop = threading.Event()
    threads = [
        threading.Thread(target=customers.run, args=(stop, plan.pause, plan.seed * 100 + i))
        for i in range(plan.senders)
    ] + [
        threading.Thread(target=run_agent, args=(a, stop, plan.pause, plan.seed * 1000 + i, tally))
        for i, a in enumerate(agents)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    stop.wait(plan.seconds)
    stop.set()
    for thread in threads:
        thread.join(timeout=120)
    seconds = time.perf_counter() - started
    drain_started = time.perf_counter()
    settled = ledger.wait_drained(sandbox, sink, plan.drain_timeout)
    book = ledger.check(sandbox, sink, customers.accepted, baseline)
    operations = tally.summary(seconds)
    writes = sum(v["count"] for k, v in operations.items() if k.split(".")[1] in WRITES)
    return {
        "plan": asdict(plan),
        "engine": sandbox.engine,
        "seconds": round(seconds, 1),
        "drain_seconds": round(time.perf_counter() - drain_started, 1),
        "drained": settled,
        "messages_per_second": round(len(customers.accepted) / seconds, 2),
        "agent_writes_per_second": round(writes / seconds, 2),
        "replies_made": sum(a.replies for a in agents),
        "errors": tally.total_errors(),
        "operations": operations,
        "ledger": book.as_dict(),
    }


WRITES = {"reply", "note", "status"}


def describe(figures: dict) -> str:
    """The figures as a few lines for a terminal."""
    book = figures["ledger"]
    lines = [
        f"{figures['seconds']:g} s on {figures['engine']}: "
        f"{figures['messages_per_second']:g} messages/s in by SMTP, "
        f"{figures['agent_writes_per_second']:g} agent writes/s; "
        f"errors {figures['errors']}, messages lost {book['lost']}, doubled {book['doubled']} "
        f"(resent after a kill: {book['resent']})",
        f"{'operation':<12} {'count':>7} {'per s':>7} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'max ms':>8} {'errors':>6}",
    ]
    for op, v in figures["operations"].items():
        lines.append(
            f"{op:<12} {v['count']:>7} {v['per_second']:>7} {v['p50_ms']:>8} {v['p95_ms']:>8} "
            f"{v['max_ms']:>8} {v['errors']:>6}"
        )
        lines += [f"    {sample}" for sample in v["error_samples"]]
    return "\n".join(lines)
