"""Run the test OpenID provider (serve.py) as a subprocess for a test module or session."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

from sunrelay.lib.sso_config import SsoConfig

ROOT = Path(__file__).resolve().parents[3]
CLIENT_ID, CLIENT_SECRET = "sunrelay-desk", "s3cret-for-the-test-provider-only"  # noqa: S105
PASSWORD = "provider-pass-1"  # noqa: S105
PEOPLE = {
    # A lead by the group claim.
    "ada": {"email": "ada@example.test", "groups": ["leads"], "given_name": "Ada"},
    # No mapped group: comes in with no role.
    "ben": {"email": "ben@example.test", "groups": ["everyone"]},
    "sam": {"email": "Sam@Example.test", "groups": ["support-engineers"]},
    "una": {"email": "una@example.test", "email_verified": False},
}
GROUP_ROLES = {"leads": ("lead", "support"), "support-engineers": ("support",)}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def provider(redirect_uris: list[str], post_logout_redirect_uris: list[str]):
    """Yields the issuer URL of a provider that knows PEOPLE and one client (Sunrelay)."""
    with tempfile.TemporaryDirectory(prefix="sunrelay-idp-") as folder:
        directory, port = Path(folder), _free_port()
        people = {name: {"password": PASSWORD, **who} for name, who in PEOPLE.items()}
        (directory / "people.json").write_text(json.dumps(people))
        client = {
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "redirect_uris": redirect_uris,
            "post_logout_redirect_uris": post_logout_redirect_uris,
        }
        (directory / "client.json").write_text(json.dumps(client))
        env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
        env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
        process = subprocess.Popen(  # noqa: S603 — our own interpreter and module
            [sys.executable, "-m", "tests.sso.provider.serve", str(directory), str(port)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=open(directory / "provider.log", "w"),  # noqa: SIM115
            text=True,
        )
        try:
            line = process.stdout.readline()
            if line.strip() != "READY":
                raise RuntimeError(
                    "The test OpenID provider did not start:\n"
                    + (directory / "provider.log").read_text()
                )
            yield f"http://127.0.0.1:{port}/o"
        finally:
            process.terminate()
            process.wait(timeout=10)


def config(issuer: str, **changes) -> SsoConfig:
    """Sunrelay's settings.SSO for the test provider."""
    values = {
        "issuer": issuer,
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "provider_name": "Test IdP",
        "group_roles": GROUP_ROLES,
    }
    return SsoConfig(**(values | changes))
