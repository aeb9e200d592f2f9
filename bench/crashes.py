"""Kill the importer and the worker at random points while mail arrives and replies are
queued; then check that nothing was lost or doubled (bench/ledger.py).

    figures = crashes.run(sandbox, sink, Plan(kills=20, seed=13))

What runs, all real processes on the sandbox's database:
- `sunrelay serve --no-worker`: the SMTP listener that customers (bench/clients.py) write to,
  and the API where an agent keeps replying, so acknowledgements and replies keep queuing;
- importers, `sunrelay mail import` of a fresh archive and the previous one (so a re-run
  after a kill is under fire too), each SIGKILLed at a random moment of its life or after it
  stored its first rows, `plan.kills` times;
- workers, `sunrelay worker`, each SIGKILLed at a random moment of its life, or (every
  other one, running only the mail drains) soon after its first e-mail reached the sink,
  `plan.kills` times, at the same time as the importers.
Then the customers and agents stop, one last import runs every archive to its end, and one
last worker drains the mail the killed ones held once their leases (two seconds here) expire.

Importers and workers are forked from one loaded process (bench/launcher.py) so the kills
land in their work; the last import and worker are started as commands.
"""

from __future__ import annotations

import os
import random
import re
import signal
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from bench import ledger
from bench.clients import ApiAgent, Customers, run_agent
from bench.launcher import Launcher, alive
from bench.mailgen import write_mbox
from bench.sandbox import ROOT, Sandbox
from bench.tally import Tally

LEASE_SECONDS = "2"
LEDGER_DRAINS = ("--drain", "mail.recover_inbound", "--drain", "mail.send_outbox")
_MESSAGE_ID = re.compile(rb"^Message-ID: <([^>]+)>", re.MULTILINE)


@dataclass
class Plan:
    kills: int = 20  # of importers, and as many of workers
    seed: int = 13
    archive_messages: int = 20  # in each importer's fresh archive
    # A worker is killed either this long after it started, or, as often, this long after
    # the sink received its first e-mail (while it sends, or records what it sent).
    worker_life: tuple[float, float] = (0.05, 1.0)
    send_extra: tuple[float, float] = (0.0, 0.3)
    # An importer is killed either this long after it started (maybe before it stored
    # anything, maybe inside its first transaction) or, as often, this long after its first
    # stored rows appeared (while it processes them, or between batches).
    import_life: tuple[float, float] = (0.0, 0.5)
    import_extra: tuple[float, float] = (0.0, 0.2)
    senders: int = 1
    agents: int = 1
    pause: float = 0.3  # mean seconds between a customer's (and the agent's) messages
    drain_timeout: float = 180


def run(box: Sandbox, sink, plan: Plan) -> dict:
    box.relay_to(sink.port)
    box.env.update(
        SUNRELAY_MAIL_ACKNOWLEDGE="true",
        SUNRELAY_INBOUND_LEASE_SECONDS=LEASE_SECONDS,
        SUNRELAY_OUTBOX_LEASE_SECONDS=LEASE_SECONDS,
    )
    started = time.perf_counter()
    server = box.serve("--no-worker", log="serve.log")
    launcher = Launcher(box.env, ROOT)
    tally = Tally()
    customers = Customers(box.smtp_port, tally, random.Random(plan.seed))
    # Replies only: each one is an e-mail to send.
    agents = [
        ApiAgent(box.web_port, person["token"], box.seeded["tickets"], tally, mix={"reply": 1})
        for person in box.seeded["agents"][: plan.agents]
    ]
    baseline = ledger.inbound_messages(box)
    stop = threading.Event()
    feeders = [
        threading.Thread(target=customers.run, args=(stop, plan.pause, plan.seed * 100 + i))
        for i in range(plan.senders)
    ] + [
        threading.Thread(target=run_agent, args=(a, stop, plan.pause, plan.seed + i, tally))
        for i, a in enumerate(agents)
    ]
    importing = _Importers(box, launcher, plan)
    working = _Workers(box, launcher, plan, sink)
    killers = [threading.Thread(target=importing.run), threading.Thread(target=working.run)]
    for thread in feeders + killers:
        thread.start()
    for thread in killers:
        thread.join()
    stop.set()
    for thread in feeders:
        thread.join(timeout=120)
    launcher.close()
    killing_seconds = time.perf_counter() - started

    box.run("mail", "import", "--json", *map(str, importing.archives))
    import_seconds = time.perf_counter() - started - killing_seconds
    left = ledger.waiting(box)
    # Only the mail drains: the ledger is about mail (the killed workers ran every drain).
    worker = box.start("worker", *LEDGER_DRAINS, log="worker-last.log")
    settled = ledger.wait_drained(box, sink, plan.drain_timeout)
    drain_seconds = time.perf_counter() - started - killing_seconds - import_seconds
    box.stop(worker)
    box.stop(server)
    accepted = customers.accepted + [mid for a in importing.archives for mid in _ids(a)]
    book = ledger.check(box, sink, accepted, baseline)
    logs = box.log("serve.log") + box.log("worker-last.log")
    return {
        "plan": asdict(plan),
        "engine": box.engine,
        "seconds": round(time.perf_counter() - started, 1),
        "killing_seconds": round(killing_seconds, 1),
        "last_import_seconds": round(import_seconds, 1),
        "drain_seconds": round(drain_seconds, 1),
        "left_for_the_last_worker": left,
        "importers_killed": importing.kills,
        "importers_finished_before_their_kill": importing.finished,
        "workers_killed": working.kills,
        "smtp_messages": len(customers.accepted),
        "archived_messages": len(accepted) - len(customers.accepted),
        "replies_made": sum(a.replies for a in agents),
        "errors": tally.total_errors(),
        "operations": tally.summary(killing_seconds),
        "locked_in_logs": logs.count("database is locked"),
        "drained": settled,
        "ledger": book.as_dict(),
    }


class _Importers:
    def __init__(self, box: Sandbox, launcher: Launcher, plan: Plan) -> None:
        self.box, self.launcher, self.plan = box, launcher, plan
        self.rng = random.Random(plan.seed * 7)
        self.archives: list[Path] = []
        self.kills = self.finished = 0

    def stored(self) -> int:
        return self.box.query("SELECT count(*) FROM mail_rawmessage WHERE source = 'import'")[0][0]

    def run(self) -> None:
        while self.kills < self.plan.kills:
            n = len(self.archives)
            path = self.box.root / f"archive{n}.mbox"
            self.archives.append(write_mbox(path, self.plan.archive_messages, self.plan.seed + n))
            before = self.stored()
            paths = [str(p) for p in self.archives[-2:]]
            pid = self.launcher.start(
                ["mail", "import", "--json", *paths], self.box.root / "importers.log"
            )
            if self.rng.random() < 0.5:
                time.sleep(self.rng.uniform(*self.plan.import_life))
            else:
                deadline = time.monotonic() + 120
                while alive(pid) and self.stored() == before and time.monotonic() < deadline:
                    time.sleep(0.02)
                time.sleep(self.rng.uniform(*self.plan.import_extra))
            if _kill(pid):
                self.kills += 1
            else:
                self.finished += 1


class _Workers:
    def __init__(self, box: Sandbox, launcher: Launcher, plan: Plan, sink) -> None:
        self.box, self.launcher, self.plan, self.sink = box, launcher, plan, sink
        self.rng = random.Random(plan.seed * 11)
        self.kills = 0

    def run(self) -> None:
        log = self.box.root / "workers.log"
        while self.kills < self.plan.kills:
            if self.rng.random() < 0.5:
                pid = self.launcher.start(["worker"], log)
                time.sleep(self.rng.uniform(*self.plan.worker_life))
            else:
                # Into its sending. A worker running every drain first catches up on the SLA
                # clocks of imported tickets, routing and the rest, which a short life rarely
                # gets past: this one runs the mail drains only, as a dedicated mail worker.
                pid = self.launcher.start(["worker", *LEDGER_DRAINS], log)
                before = self.sink.total()
                deadline = time.monotonic() + 60
                while alive(pid) and self.sink.total() == before and time.monotonic() < deadline:
                    time.sleep(0.02)
                time.sleep(self.rng.uniform(*self.plan.send_extra))
            if _kill(pid):
                self.kills += 1


def _kill(pid: int) -> bool:
    """SIGKILL `pid`; False if it had already ended by itself."""
    if not alive(pid):
        return False
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        return False
    return True


def _ids(archive: Path) -> list[str]:
    return [m.decode() for m in _MESSAGE_ID.findall(archive.read_bytes())]


def describe(figures: dict) -> str:
    book = figures["ledger"]
    return (
        f"{figures['importers_killed']} importers and {figures['workers_killed']} workers "
        f"killed in {figures['killing_seconds']:g} s on {figures['engine']} "
        f"({figures['importers_finished_before_their_kill']} imports ended before their kill); "
        f"{book['accepted']} messages in ({figures['smtp_messages']} by SMTP), "
        f"{book['queued']} e-mails out: lost {book['lost']}, doubled {book['doubled']}, "
        f"sent again after a kill with the same Message-ID {book['resent']}; "
        f"client errors {figures['errors']}, 'database is locked' in logs "
        f"{figures['locked_in_logs']}"
    )
