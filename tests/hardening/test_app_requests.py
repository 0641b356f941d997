"""No request leaves the machine: every page of the real app, in a real browser, loads only from the app.

Streamlit's own files, its fonts, the Altair/Vega charts and the vis-network views (network page,
CONSTRUCT graph view) must all come from 127.0.0.1. Every request the browser makes is recorded;
any to another host fails the test.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, Page

from tests.hardening.app_browser import settle, visit_every_page

pytest_plugins = ["tests.app_fixtures", "tests.hardening.app_browser"]
pytestmark = [pytest.mark.browser, pytest.mark.slow]

LOCAL = {"127.0.0.1", "localhost"}


def outside(urls: list[str]) -> list[str]:
    """The requests to a host other than this machine (data:, blob: and about: URLs have none)."""
    return [url for url in urls if urlsplit(url).scheme in ("http", "https", "ws", "wss") and urlsplit(url).hostname not in LOCAL]


@pytest.fixture
def requests(context: BrowserContext) -> list[str]:
    """Every request made by any page or frame of the browser context, in order."""
    seen: list[str] = []
    context.on("request", lambda request: seen.append(request.url))
    return seen


def test_every_page_loads_only_from_this_machine(page: Page, requests, serve_app, seed_store):
    base = serve_app(seed_store)
    visit_every_page(page, base)
    page.wait_for_timeout(1000)  # late fonts and icons
    settle(page)
    assert any(urlsplit(url).hostname == "127.0.0.1" for url in requests)  # the recorder works
    assert outside(requests) == [], "\n".join(outside(requests))
