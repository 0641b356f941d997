"""The embedded store: read-only pyoxigraph directory, queries in a killable child process.

Expected answers are counted by hand from tests/data/store-fixture.trig:
13 triples in graph/reference, 23 in graph/document/annex4, 13 in graph/document/other.
"""

import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

from govgraph.errors import GovgraphError
from govgraph.safety import QueryRefused
from govgraph.source import open_store
from govgraph.store import EmbeddedStore, ResultTable, temporary_store

pytest_plugins = ["tests.store_data"]

GG = "https://w3id.org/govgraph/ontology#"
STMT = "https://w3id.org/govgraph/id/statement/"
#: 200^5 rows to count: hours of work for any engine that enumerates them.
VALUES_200 = " ".join(str(i) for i in range(1, 201))
EXPLOSIVE = "SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(f"VALUES ?{v} {{ {VALUES_200} }}" for v in "abcde") + " }"


def test_missing_store_tells_the_user_to_build(tmp_path: Path) -> None:
    with pytest.raises(GovgraphError, match="no embedded store at .*run `govgraph build` first"):
        open_store(location=tmp_path / "nothing-here")


def test_triple_count_and_graph_names(embedded: EmbeddedStore) -> None:
    assert embedded.triple_count() == 13 + 23 + 13
    assert embedded.graph_names() == [
        "https://w3id.org/govgraph/graph/document/annex4",
        "https://w3id.org/govgraph/graph/document/other",
        "https://w3id.org/govgraph/graph/reference",
    ]


def test_default_graph_is_the_union_of_named_graphs(embedded: EmbeddedStore) -> None:
    # a1 and a2 (annex4) and b1 (other) are commitments; a3 is only a statement.
    table = embedded.select("SELECT ?c WHERE { ?c a gg:Commitment } ORDER BY ?c")
    assert [str(row[0]) for row in table.rows] == [STMT + "a1", STMT + "a2", STMT + "b1"]


def test_run_dispatches_on_the_query_form(embedded: EmbeddedStore) -> None:
    assert isinstance(embedded.run("SELECT * WHERE { ?s ?p ?o } LIMIT 1"), ResultTable)
    assert embedded.run("ASK { stmt:a3 a gg:Statement }") is True
    assert embedded.ask("ASK { stmt:a3 a gg:Commitment }") is False
    graph = embedded.construct(
        "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <https://w3id.org/govgraph/graph/document/other> { ?s ?p ?o } }"
    )
    assert isinstance(graph, Graph) and len(graph) == 13
    described = embedded.run("DESCRIBE stmt:a3")
    assert isinstance(described, Graph) and len(described) == 4


def test_wrong_form_for_the_method_is_an_error(embedded: EmbeddedStore) -> None:
    with pytest.raises(GovgraphError, match="expected a SELECT query, got ASK"):
        embedded.select("ASK { ?s ?p ?o }")


def test_terms_keep_language_datatype_and_non_ascii(embedded: EmbeddedStore) -> None:
    table = embedded.select("SELECT ?label WHERE { forum:kyoto-igf rdfs:label ?label }")
    assert table.rows == [(Literal("IGF 2023 in Kyōto — 京都", lang="en"),)]
    table = embedded.select("SELECT ?q ?c WHERE { stmt:b1 gg:quote ?q ; gg:confidence ?c }")
    assert table.rows == [
        (
            Literal('Tab\there, newline\nthere, comma, and "quotes".', lang="en"),
            Literal("0.5", datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal")),
        )
    ]


def test_unbound_values_are_none(embedded: EmbeddedStore) -> None:
    # Only b1 has a confidence.
    table = embedded.select("SELECT ?c ?conf WHERE { ?c gg:quote ?q OPTIONAL { ?c gg:confidence ?conf } } ORDER BY ?c")
    assert [(str(c).rsplit("/", 1)[1], conf) for c, conf in table.rows] == [
        ("a1", None),
        ("a2", None),
        ("a3", None),
        ("b1", Literal("0.5", datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal"))),
    ]


def test_limit_cuts_and_flags(embedded: EmbeddedStore) -> None:
    query = "SELECT ?q WHERE { ?s gg:quote ?q }"  # four statements have quotes
    assert len(embedded.select(query, limit=4).rows) == 4 and not embedded.select(query, limit=4).truncated
    cut = embedded.select(query, limit=2)
    assert len(cut.rows) == 2 and cut.truncated and cut.limit == 2


def test_malicious_parameter_stays_one_literal(embedded: EmbeddedStore) -> None:
    value = Literal('"x" } ; DROP ALL ; {')
    table = embedded.select("SELECT ?v WHERE { BIND(?p AS ?v) }", {"p": value})
    assert table.rows == [(value,)]
    assert embedded.triple_count() == 49


def test_parameter_binding_filters(embedded: EmbeddedStore) -> None:
    table = embedded.select(
        "SELECT ?c WHERE { ?c gg:forum ?f } ORDER BY ?c", {"f": URIRef("https://w3id.org/govgraph/id/forum/wsis")}
    )
    assert [str(row[0]) for row in table.rows] == [STMT + "a2", STMT + "a3"]


def test_updates_are_refused_before_the_store_is_touched(embedded: EmbeddedStore) -> None:
    with pytest.raises(QueryRefused):
        embedded.run("DELETE WHERE { ?s ?p ?o }")
    assert embedded.triple_count() == 49


def test_timeout_kills_the_query_and_the_store_recovers(embedded: EmbeddedStore) -> None:
    started = time.monotonic()
    with pytest.raises(GovgraphError, match=r"stopped after 1 s \(the time limit\)"):
        embedded.select(EXPLOSIVE, timeout=1)
    # The bound is 1 s; allow generous slack for a loaded machine, far below the hours the query needs.
    assert time.monotonic() - started < 10
    assert embedded.triple_count() == 49


def test_syntax_error_from_the_engine_is_one_line(embedded: EmbeddedStore) -> None:
    # rdflib's parser accepts this; Oxigraph rejects the unknown function: the error must still be one line.
    with pytest.raises(GovgraphError, match="query failed on the embedded store") as caught:
        embedded.select("SELECT ?x WHERE { BIND(<urn:no-such-function>(1) AS ?x) }")
    assert "\n" not in str(caught.value)


def test_publish_replaces_graphs_and_is_idempotent(fixture_quads: list[ox.Quad]) -> None:
    store = temporary_store([])
    try:
        store.publish(fixture_quads)
        store.publish(fixture_quads)
        assert store.triple_count() == 49
        other = ox.NamedNode("https://w3id.org/govgraph/graph/document/other")
        smaller = [q for q in fixture_quads if q.graph_name == other][:3]
        counts = store.publish(smaller)
        assert counts == {other.value: 3}
        assert store.triple_count() == 13 + 23 + 3
    finally:
        store.close()
    assert not store.location.exists()


def test_threads_share_one_store(embedded: EmbeddedStore) -> None:
    # The app caches one store for all its sessions, which query from their own threads.
    from concurrent.futures import ThreadPoolExecutor

    def count(n: int) -> int:
        return embedded.select("SELECT ?s WHERE { ?s a gg:Paragraph }", limit=n).rows.__len__()

    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(count, [1, 2, 3, 4] * 10)) == [1, 2, 3, 3] * 10  # three paragraphs in the fixture


def test_publish_accepts_an_rdflib_dataset(fixture_quads: list[ox.Quad]) -> None:
    from govgraph.loading import to_rdflib_dataset

    with temporary_store([]) as store:
        counts = store.publish(to_rdflib_dataset(fixture_quads))
        assert counts == {
            "https://w3id.org/govgraph/graph/reference": 13,
            "https://w3id.org/govgraph/graph/document/annex4": 23,
            "https://w3id.org/govgraph/graph/document/other": 13,
        }
        assert store.triple_count() == 49
