"""Playwright driving Debian's chromium against pytest-django's live server.

Playwright never downloads a browser here: it launches /usr/bin/chromium. Without it the
browser tests are skipped, loudly (a developer machine); CI installs it (.ci/run).
"""

from __future__ import annotations

import os
import threading
import warnings
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core.signals import request_finished, request_started

CHROMIUM = Path(os.environ.get("SUNRELAY_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    # Without these the closed network refuses chromium's background connections many
    # times a second.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 812}  # an iPhone X-sized screen, the narrowest we design for
# Test runs keep their screenshots under tests/artifacts; `make screenshots` writes the
# README's pictures in docs/screenshots, so an ordinary run leaves the work tree clean.
SCREENSHOTS = Path(
    os.environ.get("SUNRELAY_SCREENSHOTS_DIR")
    or Path(__file__).resolve().parents[2] / "tests" / "artifacts" / "screenshots"
)
SCREENSHOTS.mkdir(parents=True, exist_ok=True)
MISSING = (
    f"CHROMIUM NOT FOUND at {CHROMIUM}: the browser tests did not run. "
    "Install Debian's package (apt-get install chromium) or set SUNRELAY_CHROMIUM."
)


class BrowserTestsSkipped(UserWarning):
    """Shown in the warnings summary, which pytest-xdist reports from every worker."""


# Module scope: while Playwright's sync API is alive it marks an event loop as running on
# this thread, so it must not outlive the browser tests into other tests of the worker.
@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(MISSING)  # a CI machine must run them
        warnings.warn(MISSING, BrowserTestsSkipped, stacklevel=1)
        pytest.skip(MISSING)
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="pip install playwright (dev dependency)"
    )
    # That running loop makes Django refuse the test's own ORM calls (building data, checking
    # results), which are plain synchronous code all the same.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_api.sync_playwright().start()
    # launch() gives every run a fresh, throw-away profile directory.
    chromium = playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    try:
        yield chromium
    finally:
        chromium.close()
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


class _Serving:
    """How many requests the live server is answering now. It outlives each test and its
    database: a test ends only once its last request is answered, or the next test's flush
    meets a request still reading the old data ("database table is locked").

    The test's own writes while pages poll take `exclusive()`: the in-memory SQLite database
    is one connection shared with the server's threads, and a write meeting a poll's
    half-read query fails one or the other the same way."""

    def __init__(self) -> None:
        self.count = 0
        self._writing = False
        self._changed = threading.Condition()
        request_started.connect(self._started, dispatch_uid="e2e-serving-started")
        request_finished.connect(self._finished, dispatch_uid="e2e-serving-finished")

    # Only the live server's threads count: the test's own Client requests run in the main
    # thread, and a streamed answer it never reads to the end is never finished.
    def _started(self, **kwargs) -> None:
        if threading.current_thread() is not threading.main_thread():
            with self._changed:
                self._changed.wait_for(lambda: not self._writing, timeout=15)
                self.count += 1

    def _finished(self, **kwargs) -> None:
        if threading.current_thread() is not threading.main_thread():
            with self._changed:
                self.count -= 1
                self._changed.notify_all()

    def wait_until_idle(self, seconds: float = 15) -> None:
        with self._changed:
            self._changed.wait_for(lambda: self.count <= 0, timeout=seconds)

    @contextmanager
    def exclusive(self, seconds: float = 15):
        """The test writes alone: requests being answered finish first, new ones wait."""
        with self._changed:
            self._writing = True
            self._changed.wait_for(lambda: self.count <= 0, timeout=seconds)
        try:
            yield
        finally:
            with self._changed:
                self._writing = False
                self._changed.notify_all()


SERVING = _Serving()


class _Pages:
    """Opens browser pages the way every test wants them: the test's server, British English,
    Madrid's time, and a list of the JavaScript errors and Content-Security-Policy refusals
    seen (the test fails on any)."""

    def __init__(self, browser, live_server):
        self.browser, self.url = browser, live_server.url
        self.contexts: list = []
        self.errors: list[str] = []
        self.in_flight = 0

    def open(self, viewport=VIEWPORT, **options):
        """A new page in a context of its own; `options` go to Playwright's new_context
        (color_scheme="dark", bypass_csp=True for the accessibility check, …)."""
        context = self.browser.new_context(
            **{
                "base_url": self.url,
                "viewport": viewport,
                "locale": "en-GB",
                "timezone_id": "Europe/Madrid",
                **options,
            }
        )
        self.contexts.append(context)
        context.set_default_timeout(10_000)
        context.on("request", lambda request: self._count(1))
        context.on("requestfinished", lambda request: self._count(-1))
        context.on("requestfailed", lambda request: self._count(-1))
        page = context.new_page()
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        # The Content-Security-Policy refusing something a page needs is a bug of that page.
        page.on(
            "console",
            lambda msg: "Content Security Policy" in msg.text and self.errors.append(msg.text),
        )
        return page

    def _count(self, change: int) -> None:
        self.in_flight += change

    def close(self) -> None:
        """Closes the pages once the server has answered what they asked. The server outlives
        the test and its database: a request arriving later (a poll, or the beacon a closing
        page sends) would reach a database the test no longer has."""
        for context in self.contexts:
            context.route("**/*", lambda route: route.abort())
        open_pages = [page for context in self.contexts for page in context.pages]
        # Up to 15 s: on a loaded machine a poll sent just before can take seconds to reach
        # the server's thread, and the next test's flush would meet it.
        for _ in range(300):
            if self.in_flight <= 0 or not open_pages:
                break
            open_pages[0].wait_for_timeout(50)  # lets Playwright deliver the answers' events
        for context in self.contexts:
            context.close()
        SERVING.wait_until_idle()


@pytest.fixture
def pages(browser, live_server):
    opened = _Pages(browser, live_server)
    yield opened
    opened.close()
    assert opened.errors == [], f"JavaScript errors on the page: {opened.errors}"


@pytest.fixture
def page(pages):
    return pages.open()


def pytest_terminal_summary(terminalreporter):
    # A banner at the end of a run without pytest-xdist (its workers report skips only).
    if any(
        "CHROMIUM NOT FOUND" in str(r.longrepr) for r in terminalreporter.stats.get("skipped", [])
    ):
        terminalreporter.write_sep("!", MISSING, red=True, bold=True)
