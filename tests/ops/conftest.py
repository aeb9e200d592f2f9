"""Real Sunrelay processes on a throw-away database each (bench/sandbox.py).

Migrating and seeding take seconds on a busy machine, so a session does it once, into a
template that every test's sandbox starts as a copy of.
"""

from __future__ import annotations

import pytest
from bench.sandbox import Sandbox

AGENTS = 4
TICKETS = 12


@pytest.fixture(scope="session")
def template(tmp_path_factory):
    with Sandbox(tmp_path_factory.mktemp("template"), name="template") as box:
        box.migrate()
        box.seed(agents=AGENTS, tickets=TICKETS)
        yield box


@pytest.fixture
def sandbox(tmp_path, template):
    """Makes sandboxes (name, environment variables) copied from the template; their
    `seeded` says which agents, tokens and tickets are in it."""
    made: list[Sandbox] = []

    def make(name: str = "box", **env: str) -> Sandbox:
        box = Sandbox(tmp_path / name, name=name, like=template, **env)
        made.append(box)
        return box

    yield make
    for box in made:
        box.close()
