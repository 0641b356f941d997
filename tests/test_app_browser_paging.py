"""Paging in a real browser (Debian's Chromium, headless): Next and Previous move through the commitments, the
page count is shown, the URL keeps the page, and opening that URL again shows the same page."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.hardening.app_browser import FIRST, open_page, settle

pytest_plugins = ["tests.app_fixtures", "tests.hardening.app_browser"]
pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def grown_app(serve_app, grown_store) -> str:
    url: str = serve_app(grown_store)
    return url


def quotes(page: Page) -> list[str]:
    """The quotes of the cards shown, once the rerun has finished (the page count can show before all cards)."""
    settle(page)
    return page.locator(".gg-quote").all_inner_texts()


def test_next_previous_and_a_link_to_a_page(page: Page, grown_app, artifacts):
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    open_page(page, grown_app + "commitments", "Commitments")
    expect(page.get_by_text("Page 1 of 3")).to_be_visible(timeout=FIRST)
    first = quotes(page)
    assert len(first) == 20
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_text("Page 2 of 3")).to_be_visible(timeout=FIRST)
    expect(page).to_have_url(re.compile(r"[?&]page=2\b"))
    second = quotes(page)
    assert second and second != first
    page.screenshot(path=str(artifacts / "commitments-page-2.png"), full_page=True)
    link = page.url
    page.get_by_role("button", name="Previous").click()
    expect(page.get_by_text("Page 1 of 3")).to_be_visible(timeout=FIRST)
    assert "page=" not in page.url
    open_page(page, link, "Commitments")  # the link reopens the same page
    expect(page.get_by_text("Page 2 of 3")).to_be_visible(timeout=FIRST)
    assert quotes(page) == second and not errors
