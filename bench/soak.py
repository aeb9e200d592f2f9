"""`make soak`: Sunrelay under sustained load and under kills, on loopback only; prints its
figures and writes them to bench/results/soak.json.

    python -m bench.soak                      # every step
    SOAK_SECONDS=60 python -m bench.soak      # a shorter load (default 300 seconds)
    SOAK_STEPS=load,crashes python -m bench.soak

Steps: `load` (SMTP senders and agents against `sunrelay serve`), `crashes` (importers and
workers SIGKILLed while mail flows), `api` (bench/soak_api.py: schemathesis over every API
operation against `sunrelay serve`).

Environment: SOAK_SECONDS (the length of the load and of the API fuzzing), SOAK_KILLS (importers and workers killed,
each; default 60), SOAK_SEED (default 13), SOAK_STEPS (which steps, in order), SOAK_API_EXAMPLES (the API
fuzzing's cases per operation, default 300), DATABASE_URL
(a PostgreSQL server to create throw-away databases on; default: SQLite files).

Adding a step: write a function that takes the `Soak` and returns its figures as a dict,
and add it to STEPS. If its figures hold `errors`, `lost` or `doubled`, each must be 0 for
the soak to pass (exit status 1 otherwise); `summary`, if present, is printed as its line.
Start Sunrelay through `soak.sandbox(name)`: a copy of a migrated, seeded database
(`.seeded` lists its agents, their API tokens and its tickets), addresses on 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from bench import crashes, load
from bench.sandbox import Sandbox
from bench.sink import Sink

RESULTS = Path(__file__).resolve().parent / "results" / "soak.json"
TARGETS = ("errors", "lost", "doubled")  # figures whose target is 0


@dataclass
class Soak:
    root: Path
    seconds: float
    kills: int
    seed: int
    template: Sandbox
    sandboxes: list[Sandbox] = field(default_factory=list)

    def sandbox(self, name: str, **env: str) -> Sandbox:
        box = Sandbox(self.root / name, name=name, like=self.template, **env)
        self.sandboxes.append(box)
        return box


def load_step(soak: Soak) -> dict:
    """SMTP senders and agents on the web and API against `sunrelay serve`."""
    box = soak.sandbox("load", SUNRELAY_MAIL_ACKNOWLEDGE="true")
    with Sink() as sink:
        box.relay_to(sink.port)
        server = box.serve()
        plan = load.Plan(seconds=soak.seconds, seed=soak.seed, senders=4, api_agents=4)
        figures = load.run(box, sink, plan)
        box.stop(server)
    figures["locked_in_logs"] = box.log("serve.log").count("database is locked")
    figures["errors"] += figures["locked_in_logs"]
    figures["lost"], figures["doubled"] = figures["ledger"]["lost"], figures["ledger"]["doubled"]
    figures["summary"] = load.describe(figures)
    return figures


def crash_step(soak: Soak) -> dict:
    """Importers and workers SIGKILLed at random points while mail and replies flow."""
    box = soak.sandbox("crashes")
    with Sink() as sink:
        figures = crashes.run(box, sink, crashes.Plan(kills=soak.kills, seed=soak.seed))
    figures["errors"] += figures["locked_in_logs"]
    figures["lost"], figures["doubled"] = figures["ledger"]["lost"], figures["ledger"]["doubled"]
    figures["summary"] = crashes.describe(figures)
    return figures


def api_step(soak: Soak) -> dict:
    """Schemathesis over every API operation for SOAK_SECONDS, run as bench/soak_api.py runs
    on its own (a SQLite database of its own, whatever DATABASE_URL says)."""
    examples = int(os.environ.get("SOAK_API_EXAMPLES") or 300)
    command = [sys.executable, "-m", "bench.soak_api", "--max-time", str(int(soak.seconds))]
    command += ["--max-examples", str(examples), "--seed", str(soak.seed)]
    result = subprocess.run(
        command, cwd=RESULTS.parents[2], check=False, capture_output=True, text=True
    )
    output = result.stdout + result.stderr
    counted = re.search(r"API soak: (\d+) operations, (\d+) cases in (\d+) s", output)
    failures = re.search(r"found (\d+) unique failures?", output)
    # A run that failed without naming its failures (a crash, a server that never answered)
    # still counts as one error.
    errors = int(failures[1]) if failures else int(result.returncode != 0)
    figures = {
        "operations": int(counted[1]) if counted else 0,
        "cases": int(counted[2]) if counted else 0,
        "seconds": int(counted[3]) if counted else None,
        "examples_per_operation": examples,
        "exit_code": result.returncode,
        "errors": errors,
    }
    if errors:
        figures["output_tail"] = output.splitlines()[-60:]
        print(output, flush=True)
    figures["summary"] = (
        f"{figures['operations']} API operations fuzzed, {figures['cases']} cases in "
        f"{figures['seconds']} s; failures {errors} (schemathesis exit code {result.returncode})"
    )
    return figures


STEPS: dict[str, Callable[[Soak], dict]] = {
    "load": load_step,
    "crashes": crash_step,
    "api": api_step,
}


def main() -> int:
    seconds = float(os.environ.get("SOAK_SECONDS") or 300)
    kills = int(os.environ.get("SOAK_KILLS") or 60)
    seed = int(os.environ.get("SOAK_SEED") or 13)
    names = [n.strip() for n in (os.environ.get("SOAK_STEPS") or ",".join(STEPS)).split(",")]
    unknown = [n for n in names if n not in STEPS]
    if unknown:
        print(f"Unknown soak steps {unknown}; there are {list(STEPS)}.", file=sys.stderr)
        return 2
    report = {
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "seconds": seconds,
        "kills": kills,
        "seed": seed,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "load_average_before": _load_average(),
        "steps": {},
    }
    with tempfile.TemporaryDirectory(prefix="sunrelay-soak-") as tmp:
        root = Path(tmp)
        with Sandbox(root / "template", name="template") as template:
            template.migrate()
            template.seed(agents=8, tickets=40)
            soak = Soak(root, seconds, kills, seed, template)
            report["engine"] = template.engine
            try:
                for name in names:
                    print(f"== {name}", flush=True)
                    started = time.perf_counter()
                    figures = STEPS[name](soak)
                    figures["step_seconds"] = round(time.perf_counter() - started, 1)
                    report["steps"][name] = figures
                    print(figures.get("summary", json.dumps(figures)), flush=True)
            finally:
                for box in soak.sandboxes:
                    box.close()
    report["load_average_after"] = _load_average()
    failed = {
        name: {t: figures[t] for t in TARGETS if figures.get(t)}
        for name, figures in report["steps"].items()
        if any(figures.get(t) for t in TARGETS)
    }
    report["passed"] = not failed
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    print(f"Written to {RESULTS}")
    if failed:
        print(f"Soak FAILED (targets are 0): {failed}")
        return 1
    print("Soak passed: 0 errors, 0 messages lost, 0 doubled.")
    return 0


def _load_average() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


if __name__ == "__main__":
    sys.exit(main())
