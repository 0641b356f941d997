"""Remote SPARQL endpoints, against real Oxigraph and Virtuoso 7 servers on 127.0.0.1.

The fixture (tests/data/store-fixture.trig) holds 13 + 23 + 13 = 49 triples in three named
graphs; Virtuoso also holds its own system graphs, so counts look only at govgraph's graphs.
"""

import time

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal

from govgraph import queries
from govgraph.errors import GovgraphError
from govgraph.safety import QueryRefused
from govgraph.source import open_store
from govgraph.store import EmbeddedStore, RemoteStore

pytest_plugins = ["tests.servers", "tests.store_data"]

pytestmark = pytest.mark.server

OURS = 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "https://w3id.org/govgraph/graph/")) }'
VALUES_200 = " ".join(str(i) for i in range(1, 201))
#: Queries that would run for hours. Virtuoso refuses the VALUES one up front (its cost estimate
#: exceeds its limit), so it gets a join whose estimate passes but whose work does not end soon.
EXPLOSIVE = {
    "oxigraph": "SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(f"VALUES ?{v} {{ {VALUES_200} }}" for v in "abcde") + " }",
    "virtuoso": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
}


def ours(store: RemoteStore) -> int:
    return int(store.select(OURS).rows[0][0])


def test_publish_twice_leaves_the_same_triples(remote: RemoteStore, fixture_quads: list[ox.Quad]) -> None:
    assert ours(remote) == 49
    before = remote.triple_count()
    counts = remote.publish(fixture_quads)
    assert counts == {
        "https://w3id.org/govgraph/graph/document/annex4": 23,
        "https://w3id.org/govgraph/graph/document/other": 13,
        "https://w3id.org/govgraph/graph/reference": 13,
    }
    assert ours(remote) == 49 and remote.triple_count() == before


def test_publish_replaces_a_graph(remote: RemoteStore, fixture_quads: list[ox.Quad]) -> None:
    other = ox.NamedNode("https://w3id.org/govgraph/graph/document/other")
    remote.publish([q for q in fixture_quads if q.graph_name == other][:3])
    try:
        assert ours(remote) == 13 + 23 + 3
    finally:
        remote.publish(fixture_quads)
    assert ours(remote) == 49


def test_non_ascii_and_language_tags_survive(remote: RemoteStore) -> None:
    table = remote.select("SELECT ?label WHERE { forum:kyoto-igf rdfs:label ?label }")
    assert table.rows == [(Literal("IGF 2023 in Kyōto — 京都", lang="en"),)]
    table = remote.select("SELECT ?alt WHERE { forum:igf skos:altLabel ?alt FILTER(lang(?alt) = 'fr') }")
    assert table.rows == [(Literal("Forum sur la gouvernance de l’Internet", lang="fr"),)]
    table = remote.select("SELECT ?q WHERE { stmt:b1 gg:quote ?q }")
    assert table.rows == [(Literal('Tab\there, newline\nthere, comma, and "quotes".', lang="en"),)]


CASES = [
    ("commitments-by-forum", {}),
    ("commitments-by-forum", {"forum": "forum:wsis"}),
    ("commitments-by-forum", {"forum": "forum:kyoto-igf"}),
    ("statements-per-forum", {}),
    ("has-commitment-due-by", {}),
    ("has-commitment-due-by", {"year": "2027"}),
    ("checks/paragraph-without-statement", {}),
]


@pytest.mark.parametrize("name, values", CASES)
def test_saved_questions_give_the_same_answer_as_embedded(
    remote: RemoteStore, embedded: EmbeddedStore, name: str, values: dict
) -> None:
    saved = queries.find_query(name)
    here, there = saved.run(embedded, values), saved.run(remote, values)
    if isinstance(here, bool):
        assert here == there
    else:
        assert there.variables == here.variables and there.rows == here.rows


def test_example_answers_worked_out_by_hand(remote: RemoteStore) -> None:
    igf = queries.find_query("commitments-by-forum").run(remote)
    assert [(str(c).rsplit("/", 1)[1], int(p)) for c, p, _ in igf.rows] == [("a1", 1), ("a2", 2)]
    counts = queries.find_query("statements-per-forum").run(remote)
    assert [(str(f).rsplit("/", 1)[1], int(s), int(c)) for f, _, s, c in counts.rows] == [
        ("igf", 2, 2),
        ("wsis", 2, 1),
        ("kyoto-igf", 1, 1),
    ]
    due = queries.find_query("has-commitment-due-by")
    assert due.run(remote) is False and due.run(remote, {"year": "2027"}) is True


def test_construct_comes_back_as_a_graph(remote: RemoteStore) -> None:
    graph = remote.construct(
        "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <https://w3id.org/govgraph/graph/document/annex4> { ?s ?p ?o } }"
    )
    assert isinstance(graph, Graph) and len(graph) == 23


def test_malicious_parameter_stays_one_literal(remote: RemoteStore) -> None:
    value = Literal('"x" } ; DROP ALL ; {', lang="en")
    assert remote.select("SELECT ?v WHERE { BIND(?p AS ?v) }", {"p": value}).rows == [(value,)]
    assert ours(remote) == 49


def test_updates_are_refused_before_anything_is_sent(remote: RemoteStore) -> None:
    with pytest.raises(QueryRefused):
        remote.run("DROP ALL")
    assert ours(remote) == 49


def test_limit_cuts_and_flags(remote: RemoteStore) -> None:
    cut = remote.select("SELECT ?q WHERE { ?s gg:quote ?q }", limit=3)
    assert len(cut.rows) == 3 and cut.truncated


def test_timeout_stops_waiting_with_a_clear_message(remote: RemoteStore, request: pytest.FixtureRequest) -> None:
    kind = request.node.callspec.params["server_url"]
    started = time.monotonic()
    with pytest.raises(GovgraphError, match=r"stopped after 1 s \(the time limit\)"):
        remote.select(EXPLOSIVE[kind], timeout=1)
    assert time.monotonic() - started < 10


def test_virtuoso_with_credentials_publishes_through_digest(virtuoso_url: str, fixture_quads: list[ox.Quad]) -> None:
    store = open_store(virtuoso_url, user="dba", password="dba")
    assert store.target.store.endswith("/sparql-graph-crud-auth") and store.target.auth == "digest"
    store.publish(fixture_quads)
    assert ours(store) == 49


def test_wrong_credentials_are_one_line(virtuoso_url: str, fixture_quads: list[ox.Quad]) -> None:
    store = open_store(virtuoso_url, user="dba", password="wrong")
    with pytest.raises(GovgraphError, match="HTTP 401") as caught:
        store.publish(fixture_quads)
    assert "\n" not in str(caught.value)


def test_prune_drops_stale_govgraph_graphs(oxigraph_url: str, fixture_quads: list[ox.Quad]) -> None:
    store = open_store(oxigraph_url)
    stale = ox.NamedNode("https://w3id.org/govgraph/graph/document/withdrawn")
    store.publish([ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal("o"), stale)])
    assert stale.value in store.graph_names()
    store.drop_graphs([stale.value])
    assert stale.value not in store.graph_names()


def test_ordered_select_with_the_default_limit_runs_everywhere(remote: RemoteStore) -> None:
    # Regression: LIMIT 10001 with ORDER BY is refused by a stock Virtuoso (MaxSortedTopRows).
    table = remote.select("SELECT ?s WHERE { ?s a gg:Commitment } ORDER BY ?s")
    assert [str(row[0]).rsplit("/", 1)[1] for row in table.rows] == ["a1", "a2", "b1"]


def test_keywords_in_iris_and_strings_do_not_confuse_the_form(remote: RemoteStore) -> None:
    # Regression: a client guessing the form with a regex (SPARQLWrapper did) sends this as an update (DROP).
    query = "BASE <urn:drop/> PREFIX drop: <urn:drop#>\nSELECT ?x WHERE { BIND('ADD DROP' AS ?x) }"
    assert remote.select(query).rows == [(Literal("ADD DROP"),)]
