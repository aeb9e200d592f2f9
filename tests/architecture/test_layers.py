"""The layers of docs/architecture.md, checked on the source: imports only go down, no import
circles, no module past 400 lines.

Read with `ast`, not by importing: every import counts, function-local and TYPE_CHECKING
ones included (they hide a dependency, they do not remove it).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"

# Domain layers, lowest first; an app may import its own and those to its left. Apps added
# later go at the end (above reports), each listening to the desk's events.
DOMAIN = [
    "lib", "team", "accounts", "desk", "sla", "mail", "schedule", "paging",
    # Pre-sales reads accounts, the desk and the schedule; reports may read it.
    "presales",
    "csat",
    # Product feedback: items, themes, clustering (docs/feedback.md); reports reads it.
    "feedback",
    # Customer health reads the desk, SLA events and ratings; reports may read it.
    "health",
    # Projects, sprints and hours (docs/projects.md): reads accounts and tickets.
    "projects",
    "reports",
    "search", "kb", "portal", "qa", "notify",
    # Customer engineering (docs/success.md).
    "success",
    # Integrations (docs/integrations.md): react to desk and SLA signals; nothing imports them.
    "integrations",
    # Single sign-on and SCIM provisioning (docs/sso.md): reads team's roles; nothing imports it.
    "sso",
    # Moving in (docs/migrating.md): imports replay other desks' histories; nothing imports it.
    "moving",
    # Slack (docs/slack.md): shared channels, shortcuts; listens to the desk, nothing imports it.
    "slack",
]  # fmt: skip
# The presentation layer: the HTTP API, the shared web pieces, the demo, and every app's pages.
PRESENTATION = ["api", "web", "demo"]
# Entry points above everything: configuration, URL root, WSGI, the command line.
ENTRY = ["settings", "urls", "wsgi", "cli"]
PAGE_MODULE = re.compile(
    r"\.(views|urls|admin|forms|pages|templatetags|management)(\.|$)"
    r"|_(views|pages|urls|admin|forms)$"
)
MAX_LINES = 400

# Upward imports that stay, each with its reason. Keep this empty if you can.
ALLOWED_UPWARD: dict[tuple[str, str], str] = {}


def modules() -> dict[str, Path]:
    found = {}
    for path in (SRC / "sunrelay").rglob("*.py"):
        if "migrations" in path.parts:
            continue
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The sunrelay modules `name` imports (the module itself, not a name inside it)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    result = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, *([node.module] if node.module else [])])
            targets = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        else:
            continue
        result.update(t for t in targets if t in known and t != name)
    return result


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports(name, path, known) for name, path in known.items()}


def layer(module: str) -> int:
    parts = module.split(".")
    if len(parts) == 1:
        return 0  # the package itself: its version
    top = parts[1]
    if top in ENTRY:
        return len(DOMAIN) + 1
    if top in PRESENTATION or PAGE_MODULE.search(module):
        return len(DOMAIN)
    return DOMAIN.index(top)


def upward_imports() -> list[tuple[str, str]]:
    return sorted(
        (source, target)
        for source, targets in graph().items()
        for target in targets
        if layer(target) > layer(source)
    )


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in edges.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_every_app_has_a_layer():
    apps = {name.split(".")[1] for name in modules() if "." in name}
    unplaced = apps - set(DOMAIN) - set(PRESENTATION) - set(ENTRY)
    assert not unplaced, (
        f"Place these apps in a layer (here and in docs/architecture.md): {unplaced}"
    )


def test_imports_only_go_down():
    upward = [pair for pair in upward_imports() if pair not in ALLOWED_UPWARD]
    assert not upward, "Imports running upward:\n" + "\n".join(f"{a} -> {b}" for a, b in upward)


def test_there_are_no_import_circles():
    assert circles(graph()) == []


def test_no_module_is_longer_than_the_limit():
    long = {
        name: count
        for name, path in modules().items()
        if (count := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert not long, f"Split these modules (over {MAX_LINES} lines): {long}"


def test_the_check_finds_an_upward_import_and_a_circle():
    # The rules themselves: the desk importing the SLA app goes up; a page may import anything.
    assert layer("sunrelay.desk.services.opening") < layer("sunrelay.sla.services")
    assert layer("sunrelay.desk.views.tickets") > layer("sunrelay.reports.refresh")
    assert layer("sunrelay.schedule.rotations.views") == layer("sunrelay.api.tickets")
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
