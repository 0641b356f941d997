"""The real app in headless Chromium (Debian's build) with Playwright.

Starts `streamlit run` on a free 127.0.0.1 port reading a store of the seed, opens every page,
applies a facet, follows an entity link, runs a saved question, downloads CSV files and checks
their rows, and saves screenshots under test-artifacts/. A second app reads a store whose labels
hold HTML and script, which must show as text and never run.
"""

import csv
import io
import re

import pytest
from playwright.sync_api import Page, expect

from tests.hardening.app_browser import FIRST, IGF_CLAUSE, open_page, settle

pytest_plugins = ["tests.app_fixtures", "tests.hardening.app_browser"]
pytestmark = [pytest.mark.browser, pytest.mark.slow]


def shot(page: Page, artifacts, name: str) -> None:
    settle(page)
    page.screenshot(path=str(artifacts / f"{name}.png"), full_page=True)


def choose(page: Page, widget: str, label: str, option: str) -> None:
    """Pick an option of a Streamlit selectbox or multiselect by its label."""
    page.locator(f'[data-testid="{widget}"]').filter(has_text=label).first.click()
    page.get_by_role("option", name=option).first.click()
    page.keyboard.press("Escape")  # close the list: while open, the rest of the page is hidden from roles


@pytest.mark.parametrize(
    "path, heading",
    [
        ("", "govgraph explorer"),
        ("commitments", "Commitments"),
        ("entity?iri=" + IGF_CLAUSE.replace(":", "%3A").replace("/", "%2F"), "Annex 4 (2023) ¶1.2 clause 1"),
        ("workbench", "SPARQL workbench"),
        ("network", "Network"),
        ("quality", "Data quality"),
    ],
)
def test_every_page_opens(page: Page, app_url, artifacts, path, heading):
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    open_page(page, app_url + path, heading)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    shot(page, artifacts, "page-" + (path.split("?")[0] or "overview"))
    assert not errors


def test_overview_charts_render_offline(page: Page, app_url):
    open_page(page, app_url, "govgraph explorer")
    expect(page.locator('[data-testid="stVegaLiteChart"]')).to_have_count(4, timeout=FIRST)
    expect(page.get_by_text("Commitments by target year")).to_be_visible()


def test_a_bar_opens_its_commitments(page: Page, app_url):
    open_page(page, app_url, "govgraph explorer")
    chart = page.locator('[data-testid="stVegaLiteChart"]').first  # commitments by forum, most named first
    expect(chart.locator("canvas, svg").first).to_be_visible(timeout=FIRST)
    page.wait_for_timeout(1000)
    box = chart.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.6, box["y"] + 12)  # the top bar: the WSIS+20 Review
    expect(page.get_by_role("heading", name="Commitments", level=1)).to_be_visible(timeout=FIRST)
    # Paragraph 5 names the WSIS+20 review twice: "in 2025 (WSIS+20)" and "the WSIS+20 Review process".
    expect(page.get_by_text("2 commitments found")).to_be_visible(timeout=FIRST)
    assert "forum=https%3A%2F%2Fw3id.org%2Fgovgraph%2Fid%2Fforum%2Fwsis20-review" in page.url


def test_facet_then_entity_page(page: Page, app_url, artifacts):
    open_page(page, app_url + "commitments", "Commitments")
    expect(page.get_by_text("13 commitments found")).to_be_visible()
    choose(page, "stMultiSelect", "Forum", "Internet Governance Forum (1)")
    expect(page.get_by_text("1 commitment found")).to_be_visible(timeout=FIRST)
    assert "forum=https%3A%2F%2Fw3id.org%2Fgovgraph%2Fid%2Fforum%2Figf" in page.url  # the view's permalink
    quote = page.locator(".gg-quote").first
    expect(quote).to_contain_text("such as at the UN IGF 2023 in Kyoto,")
    shot(page, artifacts, "commitments-igf")
    quote.get_by_role("link", name="DFI").click()
    expect(page.get_by_role("heading", name="Declaration for the Future of the Internet", level=1)).to_be_visible(timeout=FIRST)
    assert "iri=https%3A%2F%2Fw3id.org%2Fgovgraph%2Fid%2Finitiative%2Fdfi" in page.url
    expect(page.get_by_text("also known as")).to_be_visible()
    shot(page, artifacts, "entity-dfi")


def test_commitments_csv_download(page: Page, app_url, tmp_path):
    open_page(page, app_url + "commitments", "Commitments")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").click()
    rows = list(csv.DictReader(io.StringIO(open(download.value.path(), encoding="utf-8").read())))
    assert len(rows) == 13
    assert {row["commitment"] for row in rows} == {"yes"}
    igf = [row for row in rows if row["statement"] == IGF_CLAUSE]
    assert igf and igf[0]["forum"] == "Internet Governance Forum" and igf[0]["kind of act"] == "seek"


def test_saved_question_and_csv(page: Page, app_url, artifacts):
    open_page(page, app_url + "workbench", "SPARQL workbench")
    choose(page, "stSelectbox", "Saved question", "Commitments by forum")
    expect(page.get_by_text("forum — the forum (or process)")).to_be_visible(timeout=FIRST)  # its form
    page.get_by_role("button", name="Run").click()
    expect(page.get_by_text("Rows 1–1", exact=True)).to_be_visible(timeout=FIRST)  # the first page, all there is
    # st.dataframe draws on a canvas; its accessible grid says how many rows it holds (header + 1).
    expect(page.locator('[data-testid="stDataFrame"] [role="grid"]')).to_have_attribute("aria-rowcount", "2")
    assert "question=commitments-by-forum" in page.url  # the permalink
    shot(page, artifacts, "workbench-commitments-by-forum")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").click()
    text = open(download.value.path(), encoding="utf-8", newline="").read()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["commitment", "paragraph", "quote"]
    assert rows[1][:2] == [IGF_CLAUSE, "1"] and rows[1][2].startswith("In particular, we seek ways")
    assert len(rows) == 2 and text.endswith("\r\n")


def test_workbench_permalink_reopens_the_query(page: Page, app_url):
    query = "SELECT ?label (COUNT(?s) AS ?n) WHERE { ?s gg:actKind ?k . ?k rdfs:label ?label } GROUP BY ?label"
    open_page(
        page, app_url + "workbench?q=" + re.sub(r"[^A-Za-z0-9]", lambda m: f"%{ord(m.group()):02X}", query), "SPARQL workbench"
    )
    expect(page.locator("textarea")).to_have_value(query)
    expect(page.get_by_role("heading", name="n by label")).to_be_visible(timeout=FIRST)


def test_network_draws_offline(page: Page, app_url, artifacts):
    open_page(page, app_url + "network", "Network")
    frame = page.frame_locator("iframe").first
    expect(frame.locator("canvas").first).to_be_visible(timeout=FIRST)
    page.wait_for_timeout(1500)  # let the layout settle for the screenshot
    shot(page, artifacts, "network")


def test_html_in_data_shows_as_text(page: Page, serve_app, evil_store, artifacts):
    from tests.app_fixtures import EVIL_FORUM

    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    base = serve_app(evil_store)
    open_page(page, base + "commitments", "Commitments")
    page.get_by_placeholder("e.g. Internet shutdowns").fill("evil")
    page.keyboard.press("Enter")
    expect(page.get_by_text("1 commitment found")).to_be_visible(timeout=FIRST)
    quote = page.locator(".gg-quote").first
    expect(quote).to_contain_text("<script>window.__pwned=3</script> <img src=x onerror=window.__pwned=4>.")
    expect(quote.locator("script, img")).to_have_count(0)
    shot(page, artifacts, "escaped-html")
    open_page(
        page,
        base + "entity?iri=" + EVIL_FORUM.replace(":", "%3A").replace("/", "%2F"),
        "<script>window.__pwned=1</script><b>Evil</b> & Co",
    )
    assert page.evaluate("window.__pwned === undefined")
    assert not dialogs
