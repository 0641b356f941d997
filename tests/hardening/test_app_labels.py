"""Text from the data shows as plain text: a Markdown image in a label, a quote or an IRI loads nothing.

Streamlit renders Markdown in titles, captions, alerts, expander labels and st.markdown, so
``![x](http://host/x.png)`` in a label made every viewer's browser fetch that URL. Here every kind
of data text the pages show carries such an image pointing at a loopback listener; the real app is
opened in a real browser on every page that shows it, and the listener must see no request.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from tests.app_fixtures import fill_store
from tests.hardening.app_browser import FIRST, open_page, settle

pytest_plugins = ["tests.app_fixtures", "tests.hardening.app_browser", "tests.hardening.listeners"]
pytestmark = [pytest.mark.browser, pytest.mark.slow]

ID = "https://w3id.org/govgraph/id/"
FORUM, STATEMENT, PARAGRAPH = ID + "forum/crafted", ID + "statement/crafted-1", ID + "paragraph/crafted-p1"


def crafted(listener: str) -> str:
    """Turtle whose every text (labels, quote, definition, a type, a source file) holds a Markdown image."""

    def image(name: str) -> str:
        return f"![{name}]({listener}/{name}.png)"

    return f"""
@prefix gg: <https://w3id.org/govgraph/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<{ID}kind/crafted> rdfs:label "kind {image("kind")}"@en .
<{FORUM}> a gg:Forum, <{ID}kind/crafted> ; rdfs:label "Crafted {image("forum")}"@en ;
    skos:altLabel "Crafted Forum"@en ; skos:definition "defined {image("definition")} <img src='{listener}/html.png'>"@en .
<{ID}act/crafted> a gg:ActKind ; rdfs:label "act {image("act")}"@en .
<{ID}document/crafted> a gg:Document ; rdfs:label "Document {image("document")}"@en ;
    gg:sourceFile "../{image("sourcefile")}" .
<{PARAGRAPH}> a gg:Paragraph ; rdfs:label "Paragraph {image("paragraph")}"@en ;
    dcterms:isPartOf <{ID}document/crafted> ; gg:startOffset 0 ; gg:endOffset 80 .
<{STATEMENT}> a gg:Commitment ; rdfs:label "Commitment {image("statement")}"@en ;
    gg:quote "We commit at the Crafted Forum to show {image("quote")} as text."@en ;
    gg:forum <{FORUM}> ; gg:actKind <{ID}act/crafted> ; gg:madeBy <{ID}actor/g7> ;
    gg:inParagraph <{PARAGRAPH}> ; gg:startOffset 0 ; gg:endOffset 60 .
"""


def heading(page: Page, url: str) -> str:
    """Open a page, wait until it is drawn, and return its title (or its error) as shown."""
    page.goto(url)
    shown = page.locator('h1, [data-testid="stAlert"]').first
    expect(shown).to_be_visible(timeout=FIRST)
    settle(page)
    return shown.inner_text()


def test_markdown_in_data_loads_nothing(page: Page, serve_app, listener, tmp_path):
    base = serve_app(fill_store(tmp_path / "store", crafted(listener.url)))
    shown: dict[str, str] = {}
    open_page(page, base + "commitments", "Commitments")
    page.get_by_placeholder("e.g. Internet shutdowns").fill("crafted")
    page.keyboard.press("Enter")
    expect(page.get_by_text("1 commitment found")).to_be_visible(timeout=FIRST)
    settle(page)
    shown["quote"] = page.locator('[data-testid="stMain"]').inner_text()
    shown["forum"] = heading(page, base + "entity?iri=" + quote(FORUM, safe=""))
    shown["forum page"] = page.locator('[data-testid="stMain"]').inner_text()
    shown["statement"] = heading(page, base + "entity?iri=" + quote(STATEMENT, safe=""))
    shown["statement page"] = page.locator('[data-testid="stMain"]').inner_text()
    hostile_iri = f"![iri]({listener.url}/iri.png)"
    shown["iri"] = heading(page, base + "entity?iri=" + quote(hostile_iri, safe=""))
    open_page(page, base + "entity", "Find an entity")
    page.get_by_placeholder("e.g. IGF").fill("crafted")
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="Crafted").first).to_be_visible(timeout=FIRST)
    settle(page)
    open_page(page, base + "network", "Network")
    expect(page.frame_locator("iframe").first.locator("canvas").first).to_be_visible(timeout=FIRST)
    construct = (
        f"CONSTRUCT {{ ?s gg:forum <{FORUM}> ; rdfs:label ?sl . <{FORUM}> rdfs:label ?l }} "
        f"WHERE {{ ?s gg:forum <{FORUM}> ; rdfs:label ?sl . <{FORUM}> rdfs:label ?l }}"
    )
    open_page(page, base + "workbench?q=" + quote(construct, safe=""), "SPARQL workbench")
    expect(page.frame_locator("iframe").first.locator("canvas").first).to_be_visible(timeout=FIRST)
    open_page(page, base, "govgraph explorer")
    page.wait_for_timeout(1000)

    assert listener.requests == [], listener.requests
    # …because each text shows as the characters it holds.
    assert f"to show ![quote]({listener.url}/quote.png) as text" in shown["quote"]
    assert shown["forum"] == f"Crafted ![forum]({listener.url}/forum.png)"
    assert f"<img src='{listener.url}/html.png'>" in shown["forum page"]
    assert shown["statement"] == f"Commitment ![statement]({listener.url}/statement.png)"
    assert f"../![sourcefile]({listener.url}/sourcefile.png)" in shown["statement page"]  # why it was not read
    assert "![iri]" not in shown["iri"] or hostile_iri in shown["iri"]
