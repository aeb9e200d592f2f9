"""The role matrix (matrix.py) for moving in (docs/migrating.md, moving/access.py): the
import runs are the leads', on the desk and through the API; imports run from the command
line, so nothing here writes."""

from __future__ import annotations

from tests.security.rules import DENIED, LEADS, Case, api, rule, web

RUN = {"pk": "import_run:own"}
API_LEADS = rule(no_role=DENIED, sales=DENIED, support=DENIED, engineering=DENIED)

WEB: list[Case] = [
    web("moving:runs", rules=LEADS),
    web("moving:run", args=RUN, rules=LEADS),
]

API: list[Case] = [
    api("GET /imports", rules=API_LEADS),
    api("GET /imports/{run_id}", {"run_id": "import_run:own"}, API_LEADS),
]
