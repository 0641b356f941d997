"""The explorer library on a real embedded store: facets, search, entity pages, highlighting, network.

Expected answers come from reading the source text (data/sources/g7-2023-digital-annex4.txt):
only paragraph 1, sentence 2 names the IGF and Kyoto ("such as at the UN IGF 2023 in Kyoto,"),
and only paragraph 5, sentence 1 names a year of 2025 ("the WSIS outcomes in 2025 (WSIS+20)").
"""

import re
from html import unescape

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from govgraph import explore, paths
from govgraph.explore import markup, network_view, workbench
from govgraph.source import open_store
from govgraph.store import ResultTable

pytest_plugins = ["tests.app_fixtures"]

GG = "https://w3id.org/govgraph/ontology#"
ID = "https://w3id.org/govgraph/id/"
IGF_CLAUSE = ID + "statement/g7-2023-digital-annex4-p1-s2-c1"


@pytest.fixture(scope="module")
def store(seed_store):
    with open_store(location=seed_store) as opened:
        yield opened


def commitments_in_data() -> int:
    """Commitments counted with rdflib straight from the Turtle files (an independent path)."""
    graph = Graph()
    for path in paths.data_files():
        graph.parse(path, format="turtle")
    return len(set(graph.subjects(RDF.type, URIRef(GG + "Commitment"))))


def test_overview_counts_match_the_data(store):
    summary = explore.overview(store)
    assert summary.counts["commitments"] == commitments_in_data()
    assert summary.counts["statements"] >= summary.counts["commitments"] > 0
    assert summary.triples > 1000


def test_forum_facet_finds_the_one_igf_clause(store):
    hits, more = explore.search(store, {"forum": [ID + "forum/igf"]})
    assert [hit.iri for hit in hits] == [IGF_CLAUSE] and not more
    assert hits[0].quote.startswith("In particular, we seek ways")
    assert hits[0].act == "seek"
    roles = {(m.role, m.iri) for m in hits[0].mentions}
    assert ("forum", ID + "forum/igf") in roles and ("initiative", ID + "initiative/dfi") in roles


def test_year_facet_and_words_combine(store):
    hits, _ = explore.search(store, {"year": [ID + "year/2025"]})
    assert [h.iri.rsplit("/", 1)[-1] for h in hits] == ["g7-2023-digital-annex4-p5-s1"]
    assert explore.search(store, {"year": [ID + "year/2025"]}, "kyoto")[0] == []
    kyoto, _ = explore.search(store, {}, "KYOTO")
    assert [h.iri for h in kyoto] == [IGF_CLAUSE]


def test_words_match_alternative_names_of_linked_entities(store):
    # "Global Digital Compact" is written "GDC" nowhere in the text: the match is through its altLabel.
    hits, _ = explore.search(store, {}, "GDC", commitments_only=False)
    assert hits and all(any(m.iri == ID + "forum/global-digital-compact" for m in h.mentions) for h in hits)


def test_facet_values_count_statements(store):
    values = explore.facet_values(store)
    forum = {v.iri: v.count for v in values["forum"]}
    assert forum[ID + "forum/igf"] == 1
    assert [v.label for v in values["year"]] == sorted(v.label for v in values["year"])


def test_entity_description_uses_labels(store):
    entity = explore.describe(store, ID + "forum/igf")
    assert entity.label == "Internet Governance Forum"
    props = dict(entity.grouped(entity.outgoing))
    assert ("text", "IGF", "IGF") in props["also known as"]
    assert any(kind == "external" for kind, _, _ in props["source"])
    assert any(link.value == IGF_CLAUSE for link in entity.incoming)


def test_paragraph_text_marks_the_statement(store):
    hit = explore.search(store, statement=IGF_CLAUSE, commitments_only=False)[0][0]
    para = explore.paragraph_text(store, hit.paragraph, hit.start, hit.end)
    assert para.exact and para.text.startswith("We resolve to work together")
    assert para.text[para.mark[0] : para.mark[1]] == hit.quote


def test_unknown_iri_is_empty_not_an_error(store):
    assert not explore.describe(store, ID + "forum/no-such-forum").exists


def test_highlight_links_names_and_escapes_everything():
    mention = markup.Mention("https://x.test/a?b=<c>", "A <b>bold</b> & co", "forum", ["IGF"])
    out = markup.highlight("We meet at the IGF with A <b>bold</b> & co <script>alert(1)</script>.", [mention])
    assert "<script>" not in out and "<b>" not in out
    assert "<script>alert(1)</script>" in unescape(out)  # shown as text
    assert out.count('class="gg-entity gg-forum"') == 2  # "IGF" and the label itself
    assert "entity?iri=https%3A%2F%2Fx.test%2Fa%3Fb%3D%3Cc%3E" in out


def test_highlight_prefers_the_longest_name_and_whole_words():
    short_name = markup.Mention("u:un", "UN", "actor")
    long_name = markup.Mention("u:igf", "UN IGF 2023", "meeting")
    spans = markup.spans("at the UN IGF 2023 in Kyoto, UNESCO", [short_name, long_name])
    assert [(s, e, m.iri) for s, e, m in spans] == [(7, 18, "u:igf")]


def test_evil_labels_are_escaped_in_search_results(evil_store):
    with open_store(location=evil_store) as opened:
        hits, _ = explore.search(opened, {}, "evil")
    assert len(hits) == 1
    html = markup.highlight(hits[0].quote, hits[0].mentions) + markup.chips(hits[0].mentions)
    assert "<script>" not in html and "<img" not in html
    assert "<script>window.__pwned=3</script>" in unescape(html)  # shown as text


def test_network_has_degree_and_betweenness(store):
    facts = network_view.facts(store)
    graph = network_view.view(facts, network_view.SHOWN)
    igf = ID + "forum/igf"
    # Only ¶1.2 clause 1 names the IGF ("such as at the UN IGF 2023 in Kyoto").
    assert graph.nodes[igf]["kind"] == "forum" and graph.degree(igf) == 1
    rows = {r["iri"]: r for r in network_view.metrics(graph)}
    assert rows[igf]["degree"] == 1 and 0 <= rows[igf]["betweenness"] <= 1
    # Around the IGF: the clause naming it, and everything that clause names.
    around = network_view.view(facts, network_view.KINDS, focus=igf)
    assert IGF_CLAUSE in around and set(around.neighbors(IGF_CLAUSE)) | {IGF_CLAUSE} == set(around)
    html = network_view.to_html(network_view.view(facts, ["forum"]))
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)  # nothing to fetch: all inline


def test_network_view_labels_cannot_leave_the_data():
    label = "</script><script>window.__pwned=1</script><img src=http://127.0.0.1:9/x.png>"
    html = network_view.triples_html({"https://x.test/a": label}, [("https://x.test/a", "https://x.test/a", label)])
    assert "</script><script>window.__pwned" not in html and "<img" not in html
    assert html.count("</script>") == 2  # vis-network's and ours


def test_chart_spec_needs_a_label_and_a_number_column():
    from rdflib import Literal

    counted = "SELECT ?name (COUNT(?s) AS ?n) WHERE { ?s gg:forum/rdfs:label ?name } GROUP BY ?name"
    table = ResultTable(["name", "n"], [(Literal("IGF"), Literal(2)), (Literal("WSIS"), Literal(1))])
    assert workbench.chart_spec(table, counted) == workbench.ChartSpec("name", "n")
    quotes = ResultTable(["quote", "paragraph"], [(Literal("x" * 200), Literal(1)), (Literal("y" * 200), Literal(2))])
    assert workbench.chart_spec(quotes, "SELECT ?quote ?paragraph WHERE {}") is None
    assert workbench.chart_spec(ResultTable(["name"], [(Literal("a"),)]), "SELECT ?name WHERE {}") is None


def test_no_chart_of_ids_or_positions_only_of_counts_and_sums():
    from rdflib import Literal

    # Short labels beside paragraph numbers: the numbers are positions, not amounts.
    rows = [(Literal(f"paragraph {n}"), Literal(n)) for n in (1, 2, 3)]
    listed = ResultTable(["label", "number"], rows)
    assert workbench.chart_spec(listed, "SELECT ?label ?number WHERE { ?p rdfs:label ?label ; gg:number ?number }") is None
    summed = ResultTable(["label", "total"], rows)
    assert workbench.chart_spec(summed, "SELECT ?label (SUM(?x) AS ?total) WHERE { } GROUP BY ?label") is not None


def test_one_store_serves_many_threads(seed_store):
    """Streamlit serves each session from a thread, and they share one cached store."""
    from concurrent.futures import ThreadPoolExecutor

    def ask(_: int) -> tuple[int, int]:
        hits, _more = explore.search(shared, {"forum": [ID + "forum/igf"]})
        return len(hits), explore.overview(shared).counts["commitments"]

    shared = explore.connect(location=seed_store)
    try:
        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(ask, range(16)))
        assert answers == [(1, commitments_in_data())] * 16
    finally:
        shared.close()


def test_links_to_a_resource_are_worded_from_its_side(store):
    reaffirm = explore.describe(store, ID + "act/reaffirm")
    incoming = dict(reaffirm.grouped(reaffirm.incoming))
    # act:reiterate skos:broader act:reaffirm: seen from reaffirm, reiterate is a narrower one.
    assert any(value == ID + "act/reiterate" for _, _, value in incoming["narrower"])
    japan = explore.describe(store, ID + "actor/japan")
    assert any(value == ID + "actor/g7" for _, _, value in dict(japan.grouped(japan.incoming))["member of"])


PREFIXED = re.compile(r"^[a-z][a-z0-9]*:[^/\s]")


def test_entity_pages_show_names_not_prefixed_iris(store):
    """Every property and every linked resource on the pages of the reference entities reads as words."""
    graph = Graph()
    for path in sorted((paths.DATA_DIR / "reference").glob("*.ttl")):
        graph.parse(path, format="turtle")
    raw = set()
    for iri in sorted({str(s) for s in graph.subjects() if isinstance(s, URIRef)}):
        entity = explore.describe(store, iri)
        for link in entity.outgoing + entity.incoming + entity.types:
            raw |= {label for label in (link.prop_label, link.value_label if link.is_iri else "") if PREFIXED.match(label)}
    assert not raw, sorted(raw)


def saved_question_count(store, name: str, param: str, value: str) -> int:
    from govgraph import queries

    question = queries.find_query(name)
    table = store.select(question.text, question.bindings({param: value}))
    return len({row[0] for row in table.rows})


def test_facet_counts_mean_what_the_saved_questions_count(store):
    """One meaning per number: a facet's count is the number of commitments its saved question lists."""
    values = explore.facet_values(store)
    actors = {v.iri: v.count for v in values["actor"]}
    themes = {v.iri: v.count for v in values["theme"]}
    # Japan made no commitment alone in Annex 4, but is bound by every one the G7 made.
    assert actors[ID + "actor/japan"] == saved_question_count(store, "commitments-by-actor", "actor", "actor:japan") == 13
    # A theme counts the commitments on its narrower themes too (skos:broader).
    ig = ID + "theme/internet-governance"
    assert themes[ig] == saved_question_count(store, "commitments-by-theme", "theme", "theme:internet-governance")
    hits, _ = explore.search(store, {"actor": [ID + "actor/japan"]})
    assert len(hits) == 13


def test_made_alone_counts_only_the_actor_itself(store):
    alone = {v.iri: v.count for v in explore.facet_values(store, alone=True)["actor"]}
    assert alone.get(ID + "actor/japan", 0) < 13 and alone[ID + "actor/g7"] > alone.get(ID + "actor/japan", 0)
    hits, _ = explore.search(store, {"actor": [ID + "actor/japan"]}, alone=True)
    assert len(hits) == alone.get(ID + "actor/japan", 0)


def test_a_hit_carries_its_document_date_source_page_and_citation(store):
    hit = explore.search(store, statement=IGF_CLAUSE)[0][0]
    assert hit.document_date == "2023-04-30"
    assert hit.document_url == "https://g7.utoronto.ca/ict/2023-annex4.html"
    cite = explore.citation(hit)
    assert cite == (
        "G7 (30 April 2023). G7 Action Plan for Open, Free, Global, Interoperable, Reliable, and Secure Internet "
        "[G7 Digital and Tech Track Annex 4 (2023)], paragraph 1. https://g7.utoronto.ca/ict/2023-annex4.html"
    )


def test_downloads_carry_labels_beside_iris_dates_and_citations(store):
    import csv
    import io

    from openpyxl import load_workbook

    hits, _ = explore.search(store, {"forum": [ID + "forum/igf"]})
    rows = list(csv.DictReader(io.StringIO(explore.hits_csv(hits))))
    assert rows[0]["forum"] == "Internet Governance Forum" and rows[0]["forum IRI"] == ID + "forum/igf"
    assert rows[0]["document date"] == "2023-04-30" and rows[0]["citation"] == explore.citation(hits[0])
    sheet = load_workbook(io.BytesIO(explore.hits_xlsx(hits))).active
    table = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert table[0] == list(rows[0]) and len(table) == 2
    assert table[1][table[0].index("quote")] == hits[0].quote


def test_excel_cells_from_the_data_are_text_never_formulas():
    import io
    import zipfile

    from govgraph.explore.search import Hit

    book = explore.hits_xlsx([Hit(ID + "statement/x", '=HYPERLINK("http://127.0.0.1/")', "=1+1", True)])
    assert "<f>" not in zipfile.ZipFile(io.BytesIO(book)).read("xl/worksheets/sheet1.xml").decode()


def test_network_commitments_are_labelled_and_every_node_opens_its_page(store):
    import json

    graph = network_view.view(network_view.facts(store), network_view.SHOWN)
    html = network_view.to_html(graph, link=lambda iri: "entity?iri=" + iri)
    data = json.loads(re.search(r"const data = (.*);\n", html).group(1))
    nodes = {node["id"]: node for node in data["nodes"]}
    assert nodes[IGF_CLAUSE]["label"] == "¶1.2 clause 1"  # short: the document is the same for all
    assert nodes[IGF_CLAUSE]["url"] == "entity?iri=" + IGF_CLAUSE
    assert nodes[ID + "forum/igf"]["url"] == "entity?iri=" + ID + "forum/igf"
    assert 'network.on("click"' in html


ANNEX = ID + "document/g7-2023-digital-annex4"


def test_a_document_reads_whole_with_each_statement_in_place(store):
    sources = explore.source_documents(store)
    annex = next(iri for iri in sources if iri.endswith("/g7-2023-digital-annex4"))
    reading = explore.document_text(store, annex)
    assert reading.problem == "" and reading.label == "G7 Digital and Tech Track Annex 4 (2023)"
    hit = explore.search(store, statement=IGF_CLAUSE)[0][0]
    assert len(reading.passages) == 16  # every statement of the annex, commitments and the others
    igf = next(p for p in reading.passages if p.iri == IGF_CLAUSE)
    assert reading.text[igf.start : igf.end] == hit.quote and igf.commitment
    html = markup.passages(reading.text, reading.passages, page="entity")
    assert html.count("<mark") == 16 and html.count('href="entity?iri=') == 16
    assert unescape(re.sub(r"<[^>]+>", "", html)) == reading.text  # the whole text, in order, nothing added
