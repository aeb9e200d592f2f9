"""The API soak: schemathesis against a real `sunrelay serve` on loopback, for minutes.

A throw-away SQLite database gets a small team (a lead, an agent, an account with a ticket, a
rotation); the server runs with waitress exactly as in production; schemathesis runs every
operation with the lead's token and the same checks as tests/api/test_fuzz.py, positive and
negative input, until --max-examples per operation or --max-time. Prints schemathesis' own
summary, then the operations and cases counted, and exits non-zero on any failure.

    python -m bench.soak_api [--max-time 180] [--max-examples 300] [--seed N]
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

# tests/api/test_fuzz.py's checks, by their schemathesis names.
CHECKS = (
    "not_a_server_error,status_code_conformance,content_type_conformance,"
    "response_headers_conformance,response_schema_conformance,negative_data_rejection,"
    "ignored_auth"
)
HOST = "127.0.0.1"  # loopback only


def _seed() -> None:
    """Run inside the soak's environment: a few rows for the operations to find; prints the
    lead's token."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sunrelay.settings")
    django.setup()
    from datetime import date, time

    from django.contrib.auth.models import User

    from sunrelay.accounts.models import Account, AccountDomain, Contact
    from sunrelay.api.tokens import create_token
    from sunrelay.desk import services
    from sunrelay.schedule.rotations.models import Layer, Participant, Rotation
    from sunrelay.team.models import StaffProfile, StaffRole

    def staff(name: str, roles: list[str]) -> User:
        user = User.objects.create_user(name, f"{name}@soak.test", secrets.token_urlsafe(16))
        StaffProfile.objects.create(user=user, time_zone="Europe/Madrid")
        for role in roles:
            StaffRole.objects.create(user=user, role=role)
        return user

    lead = staff("lucia", ["support", "lead"])
    agent = staff("alba", ["support"])
    account = Account.objects.create(name="Soak Maps", tier="enterprise", mrr=16000)
    AccountDomain.objects.create(account=account, domain="soak.test")
    contact = Contact.objects.create(name="Carla", email="carla@soak.test", account=account)
    for n in range(3):
        new = services.NewTicket(
            requester=contact,
            subject=f"Tiles blank at zoom {n}",
            body="Since today.",
            assignee=agent,
        )
        services.create_ticket(new, actor=None)
    rotation = Rotation.objects.create(name="L2", time_zone="Europe/Madrid", level="l2")
    layer = Layer.objects.create(
        rotation=rotation,
        position=1,
        shift_length=1,
        shift_unit="weeks",
        handoff_weekday=0,
        handoff_time=time(9),
        starts_on=date(2026, 1, 5),
    )
    for position, user in enumerate((lead, agent)):
        Participant.objects.create(layer=layer, user=user, position=position)
    print(create_token(lead, "soak")[1])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 -- loopback URL built here
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"The server did not answer at {url} within {seconds:.0f} s.")


def run(max_time: int, max_examples: int, seed: int | None) -> int:
    data_dir = Path(tempfile.mkdtemp(prefix="sunrelay-soak-api-"))
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {
        "SUNRELAY_DATA_DIR": str(data_dir),
        "SUNRELAY_SECRET_KEY": secrets.token_urlsafe(50),
        # Guessed tokens are part of the run (ignored_auth); the throttle has its own tests.
        "SUNRELAY_LOGIN_FAILURE_LIMIT": "1000000000",
        "SUNRELAY_LOG_LEVEL": "ERROR",
    }
    python = [sys.executable, "-m"]
    subprocess.run([*python, "sunrelay.cli", "migrate", "--no-input", "-v0"], env=env, check=True)
    token = (
        subprocess.run(
            [*python, "bench.soak_api", "--seed-only"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    port = _free_port()
    server = subprocess.Popen(
        [*python, "sunrelay.cli", "serve", "--no-smtp", "--no-worker",
         "--host", HOST, "--port", str(port)],
        env=env,
    )  # fmt: skip
    try:
        _wait_for(f"http://{HOST}:{port}/healthz")
        command = [
            str(Path(sys.executable).with_name("st")), "run",
            f"http://{HOST}:{port}/api/v1/openapi.json",
            "--header", f"Authorization: Bearer {token}",
            "--checks", CHECKS, "--mode", "all",
            "--max-examples", str(max_examples), "--max-time", str(max_time),
            "--workers", "2",
            *(["--seed", str(seed)] if seed is not None else []),
        ]  # fmt: skip
        started = time.monotonic()
        result = subprocess.run(
            command, env=env, cwd=data_dir, check=False, capture_output=True, text=True
        )
        elapsed = time.monotonic() - started
        print(result.stdout, result.stderr, sep="\n")
        operations, cases = _count(result.stdout)
        print(
            f"\nAPI soak: {operations} operations, {cases} cases in {elapsed:.0f} s; "
            f"schemathesis exit code {result.returncode}."
        )
        return result.returncode
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(data_dir, ignore_errors=True)


def _count(summary: str) -> tuple[int, int]:
    """Operations tested and cases generated, from schemathesis' summary."""
    tested = re.search(r"Tested: (\d+)", summary)
    generated = re.search(r"(\d+) generated", summary)
    return (int(tested[1]) if tested else 0), (int(generated[1]) if generated else 0)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.soak_api")
    parser.add_argument("--max-time", type=int, default=180, help="seconds for the whole run")
    parser.add_argument("--max-examples", type=int, default=300, help="cases per operation")
    parser.add_argument("--seed", type=int, default=None, help="repeat a run exactly")
    parser.add_argument("--seed-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.seed_only:
        _seed()
        return
    sys.exit(run(args.max_time, args.max_examples, args.seed))


if __name__ == "__main__":
    main()
