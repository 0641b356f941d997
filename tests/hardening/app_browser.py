"""Playwright setup for the hardening tests of the app (a pytest plugin), as in tests/test_app_browser.py.

Debian's Chromium, with its own background traffic (component updates, sync, first-run pages,
safe browsing lists) switched off, so that every request a test sees comes from the app's pages.
"""

from __future__ import annotations

import time
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from tests.app_fixtures import app_pages

CHROMIUM = "/usr/bin/chromium"
#: The first render imports the libraries and opens the store: wait for headings, not a fixed time.
FIRST = 60_000
IGF_CLAUSE = "https://w3id.org/govgraph/id/statement/g7-2023-digital-annex4-p1-s2-c1"
CONSTRUCT = "CONSTRUCT { ?s gg:forum ?f . ?f rdfs:label ?l } WHERE { ?s gg:forum ?f . ?f rdfs:label ?l }"
QUIET = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--no-default-browser-check",
    "--metrics-recording-only",
    # LocalNetworkAccessChecks: a page served through Playwright's route.fulfill (the header test) has no
    # address, so Chromium would block its websocket to 127.0.0.1 as a request into a private network.
    "--disable-features=OptimizationHints,MediaRouter,Translate,AutofillServerCommunication,LocalNetworkAccessChecks",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": QUIET}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1400, "height": 1000}, "accept_downloads": True}


def open_page(page: Page, url: str, heading: str) -> None:
    """Open a page of the app and wait until its script run has drawn everything."""
    page.goto(url)
    expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible(timeout=FIRST)
    settle(page)


def settle(page: Page, timeout: float = 30.0) -> None:
    """Wait until no placeholder or stale element is left and the page has not changed for 0.5 s."""
    deadline, last = time.monotonic() + timeout, None
    while time.monotonic() < deadline:
        state = page.evaluate("""() => [document.querySelectorAll('[data-testid="stSkeleton"], [data-stale="true"]').length,
                                        document.body.innerHTML.length]""")
        if state[0] == 0 and state == last:
            return
        last = state
        page.wait_for_timeout(500)


def visit_every_page(page: Page, base: str) -> None:
    """Open every page of the app at `base`, with its charts, an entity and the network and CONSTRUCT graph views drawn."""
    open_page(page, base, "govgraph explorer")
    expect(page.locator('[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg').first).to_be_visible(
        timeout=FIRST
    )
    open_page(page, base + "commitments", "Commitments")
    open_page(page, base + "entity?iri=" + quote(IGF_CLAUSE, safe=""), "Annex 4 (2023) ¶1.2 clause 1")
    open_page(page, base + "network", "Network")
    expect(page.frame_locator("iframe").first.locator("canvas").first).to_be_visible(timeout=FIRST)
    open_page(page, base + "workbench?q=" + quote(CONSTRUCT, safe=""), "SPARQL workbench")
    expect(page.frame_locator("iframe").first.locator("canvas").first).to_be_visible(timeout=FIRST)
    open_page(page, base + "read", "Read a document")
    open_page(page, base + "quality", "Data quality")
    open_page(page, base + "review", "Review")
    visited = {"overview", "commitments", "entity", "network", "workbench", "read", "quality", "review"}
    assert visited == set(app_pages()), "visit_every_page must open every page the app's router lists"
