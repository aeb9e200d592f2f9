"""django-helpdesk beside Sunrelay, on the same data, measured the same way.

    python -m bench.peers.django_helpdesk.run --sunrelay-db DB --mbox MBOX

Makes its own virtual environment (bench/.peers/django-helpdesk-VERSION, ignored by git),
installs django-helpdesk VERSION from PyPI into it (nothing of it is kept in the
repository), and runs peer.py there against a tiny project (project/): SQLite with
Sunrelay's settings, one queue, the staff of the generated desk.

- load: the tickets of Sunrelay's generated database, each with its messages (the first is
  the description, the others follow-ups; internal notes private), in bulk.
- import: the mbox of Sunrelay's mail benchmark through helpdesk's own processing of an
  e-mail (helpdesk.email.extract_email_metadata, what `get_email` runs for each message of
  a local mailbox), into an empty database; messages per second.
- measure: as a logged-in staff member, the ticket list's data (the JSON its page asks
  for: open tickets, 25 rows), a keyword search through the same list, and the ticket page;
  p50 and p95 of each run, the median over the runs.

Prints one JSON line with every figure; bench/desk_pages.py stores them as peer_value.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

VERSION = "2.6.1"
HERE = Path(__file__).resolve().parent
VENV = HERE.parents[1] / ".peers" / f"django-helpdesk-{VERSION}"


def ensure_venv(progress=print) -> Path:
    """The environment's python, installed once; concurrent callers (the test suite's
    workers) wait for the one installing instead of installing over each other."""
    python = VENV / "bin" / "python"
    if python.exists():
        return python
    VENV.parent.mkdir(parents=True, exist_ok=True)
    with open(VENV.with_name(VENV.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return python if python.exists() else _install(progress)


def _install(progress) -> Path:
    python = VENV / "bin" / "python"
    progress(f"Installing django-helpdesk {VERSION} into {VENV} …")
    partial = VENV.with_name(VENV.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(partial)], check=True)  # noqa: S603
    subprocess.run(  # noqa: S603
        [str(partial / "bin" / "pip"), "install", "--quiet", f"django-helpdesk=={VERSION}"],
        check=True,
    )
    partial.rename(VENV)  # scripts in a venv name their interpreter by its real path
    return python


def _peer(python: Path, db: Path, *args: str) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "project.settings",
        "PYTHONPATH": str(HERE),
        "PEER_DB": str(db),
        "PEER_MEDIA": str(db.parent / "media"),
    }
    out = subprocess.run(  # noqa: S603
        [str(python), str(HERE / "peer.py"), *args],
        env=env, cwd=HERE, check=True, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(sunrelay_db: Path, mbox: Path | None, *, runs: int = 3, requests: int = 20,
        progress=print) -> dict:  # fmt: skip
    """Every figure of the peer; the import is skipped without an mbox."""
    python = ensure_venv(progress)
    result: dict = {"version": VERSION}
    with tempfile.TemporaryDirectory(prefix="helpdesk-bench-") as tmp:
        work = Path(tmp)
        if mbox is not None:
            progress("django-helpdesk: importing the mbox …")
            result["import"] = _peer(python, work / "import.sqlite3", "import", str(mbox))
        progress("django-helpdesk: loading the same tickets …")
        result["load"] = _peer(python, work / "desk.sqlite3", "load", str(sunrelay_db))
        progress("django-helpdesk: measuring its pages …")
        result.update(_peer(python, work / "desk.sqlite3", "measure", str(runs), str(requests)))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.peers.django_helpdesk.run")
    parser.add_argument("--sunrelay-db", type=Path, required=True)
    parser.add_argument("--mbox", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    result = run(
        args.sunrelay_db,
        args.mbox,
        runs=args.runs,
        requests=args.requests,
        progress=lambda m: print(m, file=sys.stderr),
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
