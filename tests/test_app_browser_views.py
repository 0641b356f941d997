"""Issue 12 in a real browser (Debian's Chromium, headless): the fixes an analyst sees, at 1400 and 800 px wide.

Each test saves screenshots under test-artifacts/ (NAME-1400.png, NAME-800.png).
"""

import io
import time

import pytest
from playwright.sync_api import Frame, Page, expect

from tests.hardening.app_browser import FIRST, IGF_CLAUSE, open_page, settle

pytest_plugins = ["tests.app_fixtures", "tests.hardening.app_browser", "tests.servers"]
pytestmark = [pytest.mark.browser, pytest.mark.slow]

ID = "https://w3id.org/govgraph/id/"
WIDTHS = (1400, 800)


def shots(page: Page, artifacts, name: str) -> None:
    """Full-page screenshots at each width; the page is left at 1400 px."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 1000})
        settle(page)
        page.screenshot(path=str(artifacts / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1400, "height": 1000})


def test_clear_filters_and_words_in_the_url(page: Page, app_url, artifacts):
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    open_page(page, app_url + "commitments?words=Kyoto", "Commitments")
    expect(page.get_by_text("1 commitment found")).to_be_visible(timeout=FIRST)
    expect(page.get_by_placeholder("e.g. Internet shutdowns")).to_have_value("Kyoto")
    shots(page, artifacts, "commitments-words")
    page.get_by_role("button", name="Clear filters").click()
    expect(page.get_by_text("13 commitments found")).to_be_visible(timeout=FIRST)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    assert "words=" not in page.url and not errors


def test_a_card_cites_its_source_and_downloads_excel(page: Page, app_url, artifacts, tmp_path):
    from openpyxl import load_workbook

    open_page(page, app_url + "commitments?forum=" + (ID + "forum/igf").replace(":", "%3A").replace("/", "%2F"), "Commitments")
    expect(page.get_by_text("1 commitment found")).to_be_visible(timeout=FIRST)
    expect(page.get_by_text("30 April 2023").first).to_be_visible()
    page.get_by_role("button", name="Cite").first.click()
    expect(page.get_by_text("G7 (30 April 2023). G7 Action Plan").first).to_be_visible(timeout=FIRST)
    shots(page, artifacts, "commitment-cite")
    page.keyboard.press("Escape")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download Excel").click()
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    header = [cell.value for cell in sheet[1]]
    assert sheet.max_row == 2 and sheet.cell(2, header.index("statement") + 1).value == IGF_CLAUSE
    assert sheet.cell(2, header.index("forum") + 1).value == "Internet Governance Forum"


def test_entity_page_keeps_the_iri_behind_copy(page: Page, app_url, artifacts):
    open_page(
        page, app_url + "entity?iri=" + (ID + "forum/igf").replace(":", "%3A").replace("/", "%2F"), "Internet Governance Forum"
    )
    main = page.locator('[data-testid="stMain"]')
    expect(main).not_to_contain_text(ID + "forum/igf")
    page.get_by_role("button", name="Copy IRI or link").click()
    expect(page.get_by_text(ID + "forum/igf", exact=True)).to_be_visible(timeout=FIRST)
    shots(page, artifacts, "entity-copy-iri")


def settled_spot(frame: Frame, node: str) -> dict:
    """Where `node` is drawn once the layout has stopped moving (a loaded machine takes longer than any fixed wait)."""
    deadline, last = time.monotonic() + FIRST / 1000, None
    while time.monotonic() < deadline:
        spot = frame.evaluate(f"() => view.canvasToDOM(view.getPosition({node!r}))")
        if spot == last:
            return spot
        last = spot
        frame.wait_for_timeout(500)
    raise AssertionError(f"the network layout was still moving after {FIRST / 1000:.0f} s")


def test_a_click_on_a_network_node_opens_its_page(page: Page, app_url, artifacts):
    open_page(page, app_url + "network", "Network")
    frame = page.frame_locator("iframe").first
    expect(frame.locator("canvas").first).to_be_visible(timeout=FIRST)
    inner = page.frames[-1]
    spot = settled_spot(inner, IGF_CLAUSE)
    shots(page, artifacts, "network-labelled")
    box = page.locator("iframe").first.bounding_box()
    with page.context.expect_page() as opened:
        page.mouse.click(box["x"] + spot["x"], box["y"] + spot["y"])
    new = opened.value
    expect(new.get_by_role("heading", name="Annex 4 (2023) ¶1.2 clause 1", level=1)).to_be_visible(timeout=FIRST)
    assert "entity?iri=" in new.url
    new.close()


def test_every_page_at_two_widths_in_plain_words(page: Page, app_url, artifacts):
    for path, heading in [
        ("", "govgraph explorer"),
        ("quality", "Data quality"),
        ("workbench?question=commitments-by-actor", "SPARQL workbench"),
    ]:
        open_page(page, app_url + path, heading)
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)
        shots(page, artifacts, "plain-" + (path.split("?")[0] or "overview"))
    # The actor form is a choice of names, Japan by default.
    expect(page.locator('[data-testid="stSelectbox"]').filter(has_text="actor —")).to_match_aria_snapshot(
        '- combobox "actor — the country, organisation or group": Japan', timeout=FIRST
    )


def test_read_a_document_and_open_a_statement_from_it(page: Page, app_url, artifacts):
    doc = (ID + "document/g7-2023-digital-annex4").replace(":", "%3A").replace("/", "%2F")
    open_page(page, app_url + "read?doc=" + doc, "Read a document")
    expect(page.locator("a.gg-passage")).to_have_count(16, timeout=FIRST)
    shots(page, artifacts, "read-document")
    page.locator("a.gg-passage").filter(has_text="such as at the UN IGF 2023 in Kyoto").click()
    expect(page.get_by_role("heading", name="Annex 4 (2023) ¶1.2 clause 1", level=1)).to_be_visible(timeout=FIRST)


def test_print_view_on_paper(page: Page, app_url, artifacts):
    open_page(page, app_url + "commitments", "Commitments")
    page.get_by_role("link", name="Print view").click()
    expect(page.locator(".gg-print-card")).to_have_count(13, timeout=FIRST)
    page.emulate_media(media="print")
    settle(page)
    expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()
    page.pdf(path=str(artifacts / "commitments-print.pdf"))
    page.emulate_media(media="screen")
    shots(page, artifacts, "commitments-print")


@pytest.mark.server
def test_the_endpoint_stays_in_the_url_after_the_page_list(page: Page, seed_store, fresh_oxigraph_url, tmp_path, artifacts):
    """Click through the sidebar's page list: the shared link still names the SPARQL server, not the embedded store."""
    import subprocess
    import urllib.request
    from urllib.parse import quote

    from govgraph import loading, open_store
    from govgraph.explore.launch import APP_FILE, command, environment
    from tests.app_fixtures import free_port
    from tests.servers import stop, wait_ready

    with open_store(fresh_oxigraph_url) as server:
        server.publish(loading.load_store())
    port = free_port()
    app = subprocess.Popen(
        command(port),
        env=environment([fresh_oxigraph_url], seed_store),
        cwd=str(APP_FILE.parent.parent),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}/"
        wait_ready(base + "_stcore/health", app)
        assert urllib.request.urlopen(base + "_stcore/health").read() == b"ok"
        # The server is where sessions start; choosing the embedded store is what a link must keep.
        open_page(page, base + "?endpoint=", "govgraph explorer")
        page.get_by_role("link", name="Commitments").first.click()
        expect(page.get_by_role("heading", name="Commitments", level=1)).to_be_visible(timeout=FIRST)
        settle(page)
        assert "endpoint=" in page.url, page.url
        open_page(page, base + "commitments", "Commitments")
        expect(page.get_by_text(f"Reading {fresh_oxigraph_url}")).to_be_visible(timeout=FIRST)
        page.get_by_role("link", name="Network").first.click()
        expect(page.get_by_role("heading", name="Network", level=1)).to_be_visible(timeout=FIRST)
        expect(page.get_by_text(f"Reading {fresh_oxigraph_url}")).to_be_visible(timeout=FIRST)
        shots(page, artifacts, "endpoint-network")
        assert quote(fresh_oxigraph_url, safe="") not in page.url  # the start endpoint needs no parameter
    finally:
        stop(app)
