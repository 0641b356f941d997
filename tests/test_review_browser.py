"""The Review page in the real app, in headless Chromium: a reviewer accepts and rejects statements
and resolves a candidate, and each change is in the draft file."""

import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from rdflib import Graph

from govgraph.explore.launch import command, environment
from govgraph.namespaces import GG, INITIATIVE, STMT
from tests.app_fixtures import free_port
from tests.conftest import run_cli
from tests.hardening.app_browser import FIRST, open_page, settle

pytest_plugins = ["tests.app_fixtures", "tests.hardening.app_browser"]
pytestmark = [pytest.mark.browser, pytest.mark.slow]

COMMUNIQUE = Path(__file__).parent / "fixtures" / "review" / "g7-digital-communique-fixture.txt"


@pytest.fixture
def review_app(project_copy: Path, seed_store: Path, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """The real app on a free loopback port, its home the project copy holding one ingested draft."""
    ingested = run_cli("ingest", str(COMMUNIQUE), "--id", "communique", "--date", "2024-03-15", home=project_copy)
    assert ingested.returncode == 0, ingested.stderr
    port = free_port()
    env = {**environment(store=seed_store), "GOVGRAPH_HOME": str(project_copy)}
    with open(tmp_path / "streamlit.log", "wb") as log:
        process = subprocess.Popen(command(port), env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with urllib.request.urlopen(base + "_stcore/health", timeout=2) as response:
                    if response.read().strip() == b"ok":
                        break
            except OSError:
                time.sleep(0.2)
        yield base, project_copy / "data" / "drafts" / "communique.ttl"
    finally:
        process.terminate()
        process.wait(10)


def _keyed(page: Page, key: str):
    """The element of a widget or container by its Streamlit key (which the page's class names spell with - for .)."""
    return page.locator(".st-key-" + key.replace(".", "-"))


def test_a_reviewer_accepts_rejects_and_resolves_in_the_browser(page: Page, review_app, artifacts):
    base, draft = review_app
    open_page(page, base + "review", "Review")
    card = _keyed(page, "review.card.communique-p2-s1-c1")
    expect(card.locator("mark")).to_be_visible()
    expect(_keyed(page, "review.card.communique-p3-s1").locator("a.gg-entity").first).to_be_visible()

    _keyed(page, "review.accept.communique-p2-s1-c1").locator("button").click()
    expect(card.get_by_text("accepted")).to_be_visible(timeout=FIRST)
    settle(page)  # the rerun done: until then a card's old and new buttons may both be in the page
    _keyed(page, "review.reject.communique-p3-s1").locator("button").click()
    expect(_keyed(page, "review.card.communique-p3-s1")).to_have_count(0, timeout=FIRST)
    settle(page)

    resolve = page.locator('[class*="st-key-review-resolve-"]').filter(has_text="existing entity").last
    resolve.click()
    page.keyboard.type("initiative:pgii")
    page.get_by_role("option", name="Partnership for Global Infrastructure and Investment — initiative:pgii").first.click()
    settle(page)
    page.locator('[class*="st-key-review-do-resolve-"] button').first.click()
    expect(page.get_by_text("Saved: resolve")).to_be_visible(timeout=FIRST)
    settle(page)
    page.screenshot(path=str(artifacts / "review.png"), full_page=True)

    graph = Graph().parse(draft)
    assert float(graph.value(STMT["communique-p2-s1-c1"], GG.confidence)) == 1.0
    assert (STMT["communique-p3-s1"], None, None) not in graph
    assert (STMT["communique-p5-s1"], GG.initiative, INITIATIVE.pgii) in graph
