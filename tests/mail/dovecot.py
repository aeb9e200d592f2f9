"""A private Dovecot IMAP server on loopback for the polling tests (Debian's dovecot-imapd)."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

DOVECOT = Path("/usr/sbin/dovecot")
USER, PASSWORD = "support@example.test", "imap-secret"

CONFIG = """\
protocols = imap
listen = 127.0.0.1
base_dir = {base}/run
log_path = {base}/dovecot.log
ssl = no
first_valid_uid = 1
first_valid_gid = 1
disable_plaintext_auth = no
auth_mechanisms = plain login
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {base}/users
}}
userdb {{
  driver = static
  args = uid=dovecot gid=dovecot home={base}/mail/%u
}}
mail_location = maildir:{base}/mail/%u/Maildir
service imap-login {{
  inet_listener imap {{
    port = {port}
  }}
}}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
}}
"""


class Dovecot:
    def __init__(self, base: Path, port: int) -> None:
        self.base, self.port = base, port

    def start(self) -> None:
        (self.base / "run").mkdir(parents=True)
        (self.base / "mail").mkdir()
        (self.base / "users").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
        (self.base / "dovecot.conf").write_text(CONFIG.format(base=self.base, port=self.port))
        shutil.chown(self.base / "mail", "dovecot", "dovecot")
        # Dovecot's unprivileged processes must reach the mail folder below this one.
        os.chmod(self.base, 0o755)  # noqa: S103
        subprocess.run(  # noqa: S603
            [str(DOVECOT), "-c", str(self.base / "dovecot.conf")], check=True, timeout=30
        )
        deadline = time.monotonic() + 15
        import socket

        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("Dovecot did not start: " + self.log())

    def log(self) -> str:
        path = self.base / "dovecot.log"
        return path.read_text() if path.exists() else ""

    def stop(self) -> None:
        pid_file = self.base / "run" / "master.pid"
        if pid_file.exists():
            pid = int(pid_file.read_text().strip())
            try:
                os.kill(pid, 15)
            except ProcessLookupError:
                return
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                try:
                    os.kill(pid, 0)
                except ProcessLookupError:
                    return
                time.sleep(0.05)
