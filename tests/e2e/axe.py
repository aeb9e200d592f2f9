"""axe-core, run in the page by Playwright: the accessibility check of the browser tests.

The vendored `vendor/axe.min.js` is injected with `add_script_tag`. The pages' Content-Security-
Policy refuses inline scripts, so the check runs in a browser context that bypasses it
(`bypass_csp=True`); every other browser test keeps the policy and fails on its refusals.
"""

from __future__ import annotations

from pathlib import Path

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
# The impacts a page must not have. "minor" and "moderate" findings are reported, not failed.
BLOCKING = ("serious", "critical")


def violations(page) -> list[dict]:
    """axe's violations on the page as it is now (WCAG 2.x A and AA, and best practices)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """() => axe.run(document, {resultTypes: ['violations']})
             .then(r => r.violations.map(v => ({
               id: v.id, impact: v.impact, help: v.help,
               nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary)
             })))"""
    )


def in_words(found: list[dict]) -> str:
    """Violations as a reader wants them on a failure: rule, impact, what, where."""
    lines = []
    for v in found:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']}")
        lines.extend(f"    {node}" for node in v["nodes"][:5])
        if len(v["nodes"]) > 5:
            lines.append(f"    … and {len(v['nodes']) - 5} more")
    return "\n".join(lines)


def problems(page, what: str) -> str:
    """The page's serious and critical violations in words, headed by `what`; "" if none."""
    blocking = [v for v in violations(page) if v["impact"] in BLOCKING]
    if not blocking:
        return ""
    return f"{what}: {len(blocking)} serious or critical problems\n" + in_words(blocking)


def assert_accessible(page, what: str) -> None:
    """No serious or critical violation on the page, listed in words otherwise."""
    found = problems(page, what)
    assert not found, found
