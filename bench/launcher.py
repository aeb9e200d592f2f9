"""`sunrelay` commands started as forks of one process that has already loaded Django.

    python -m bench.launcher        (with the sandbox's environment)

Reads one JSON request a line, {"argv": ["worker"], "log": "/path"}, forks, and answers the
child's process id on a line; the child runs `sunrelay ARGV...` (sunrelay.cli.main, the
console script's own entry point) with its output appended to `log`, then exits.

The crash tests kill importers and workers dozens of times; an interpreter and Django start
in seconds on a busy machine and forks in milliseconds, so the kills land in the work, not in
the start-up. Nothing is opened before the fork (no database connection, no thread), so each
child is a process of its own: it connects, claims and commits as a started one does.
Children are reaped by the kernel (SIGCHLD ignored): a finished one is simply gone.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import traceback


def _child(argv: list[str], log: str) -> None:
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    code = 1
    try:
        out = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.dup2(out, 1)
        os.dup2(out, 2)
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
        from sunrelay.cli import main

        main(["sunrelay", *argv])
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sunrelay.settings")
    import django

    django.setup()
    from django.core import checks
    from django.core.management import load_command_class

    # Done once here rather than in every child: the commands and what they import, and the
    # system checks each command runs first (they import every URL and view; no database).
    load_command_class("sunrelay.mail", "mail")
    load_command_class("sunrelay.web", "worker")
    import sunrelay.mail.intake  # noqa: F401

    checks.run_checks()
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    print("ready", flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            _child(request["argv"], request["log"])
        print(pid, flush=True)


if __name__ == "__main__":
    main()


class Launcher:
    """The parent's side: starts the launcher with an environment, asks it for children."""

    def __init__(self, env: dict, cwd) -> None:
        import subprocess
        import threading

        self._process = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "bench.launcher"],
            env=env,
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self._lock = threading.Lock()
        if self._process.stdout.readline().strip() != "ready":
            raise RuntimeError("The launcher did not start; see its error output above.")

    def start(self, argv: list[str], log) -> int:
        """Fork a child running `sunrelay ARGV...`; its process id."""
        with self._lock:
            self._process.stdin.write(json.dumps({"argv": argv, "log": str(log)}) + "\n")
            self._process.stdin.flush()
            return int(self._process.stdout.readline())

    def close(self) -> None:
        self._process.stdin.close()
        self._process.wait(timeout=30)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
