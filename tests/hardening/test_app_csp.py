"""The reverse-proxy headers the README documents keep every page of the app working.

The README's nginx snippet sets Content-Security-Policy, X-Frame-Options and X-Content-Type-Options.
Here the browser adds those exact headers (read from the README) to every response of the real app,
opens every page (charts, the network view, a CONSTRUCT graph view, an entity page) and records
every policy violation, in the page and in its frames: there must be none.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, Route

from govgraph import paths
from tests.hardening.app_browser import settle, visit_every_page

pytest_plugins = ["tests.app_fixtures", "tests.hardening.app_browser"]
pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: Reports every violation of the policy, in the page and in every frame, to the test.
REPORTER = """document.addEventListener("securitypolicyviolation", (e) =>
  console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`));"""


def documented_headers() -> dict[str, str]:
    """The headers the README's nginx snippet adds (`add_header NAME "VALUE" always;`)."""
    readme = (paths.PROJECT_ROOT / "docs" / "app.md").read_text(encoding="utf-8")  # the README points there
    headers = dict(re.findall(r'add_header\s+([\w-]+)\s+"([^"]*)"\s+always;', readme))
    assert {"Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options"} <= set(headers), headers
    return headers


def test_every_page_works_under_the_documented_headers(page: Page, serve_app, seed_store):
    headers = documented_headers()

    def with_headers(route: Route) -> None:
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, **headers})

    violations: list[str] = []
    errors: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "CSP" in message.text or "Content Security Policy" in message.text else None
        ),
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script(REPORTER)
    base = serve_app(seed_store)
    page.route(base + "**", with_headers)
    visit_every_page(page, base)
    settle(page)
    assert violations == [] and errors == [], "\n".join(violations + errors)
