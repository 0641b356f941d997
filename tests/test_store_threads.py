"""One store shared by 8 threads (as Streamlit's sessions share the app's cached store) needs no wrapper.

Each thread runs every question below, starting at a different one so that different queries are
checked (parsed by rdflib's pyparsing grammar) and answered at the same moment, many times over,
on one embedded store and on one real Oxigraph server. Answers are counted by hand from
tests/data/store-fixture.trig:

- forum:igf's label is "Internet Governance Forum"@en;
- three resources are gg:Commitment (a1, a2, b1; a3 is a plain statement);
- stmt:a2 names forum:igf and forum:wsis;
- stmt:a3 is not a commitment;
- stmt:a1's target time is year:2027, whose year is "2027";
- doc:annex4 has paragraphs numbered 1 and 2;
- two statements name forum:wsis (a2 and a3);
- graph/document/other holds 13 triples;
- an update is refused, and a syntax error is reported, never run.
"""

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef
from rdflib.term import Node

from govgraph.errors import GovgraphError
from govgraph.safety import QueryRefused
from govgraph.source import open_store
from govgraph.store import EmbeddedStore, RemoteStore, Store

pytest_plugins = ["tests.servers", "tests.store_data"]

THREADS = 8
ROUNDS = 5
ID = "https://w3id.org/govgraph/id/"


def outcome(run: Callable[[], object]) -> object:
    try:
        return run()
    except QueryRefused:
        return "refused"
    except GovgraphError as error:
        return "syntax error" if "syntax error" in str(error) else str(error)


def questions(store: Store) -> list[tuple[Callable[[], object], object]]:
    """(question, hand-worked answer) pairs."""

    def rows(query: str, **bindings: Node) -> Callable[[], object]:
        return lambda: sorted(tuple(map(str, row)) for row in store.select(query, bindings or None).rows)

    return [
        (rows("SELECT ?l WHERE { ?s rdfs:label ?l }", s=URIRef(ID + "forum/igf")), [("Internet Governance Forum",)]),
        (rows("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a gg:Commitment }"), [("3",)]),
        (rows("SELECT ?f WHERE { stmt:a2 gg:forum ?f }"), [(ID + "forum/igf",), (ID + "forum/wsis",)]),
        (lambda: store.ask("ASK { stmt:a3 a gg:Commitment }"), False),
        (rows("SELECT ?y WHERE { ?s gg:targetTime/time:inXSDgYear ?y }", s=URIRef(ID + "statement/a1")), [("2027",)]),
        (rows("SELECT ?n WHERE { ?p dcterms:isPartOf doc:annex4 ; gg:number ?n }"), [("1",), ("2",)]),
        (lambda: len(store.construct("CONSTRUCT { ?s gg:forum forum:wsis } WHERE { ?s gg:forum forum:wsis }")), 2),
        (
            rows(
                "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
                g=URIRef("https://w3id.org/govgraph/graph/document/other"),
            ),
            [("13",)],
        ),
        (rows("SELECT ?s WHERE { ?s gg:quote ?q }", q=Literal("We welcome progress.", lang="en")), [(ID + "statement/a3",)]),
        (lambda: store.select("DELETE WHERE { ?s ?p ?o }"), "refused"),
        (lambda: store.select("SELECT ?s WHERE { ?s ?p }"), "syntax error"),
    ]


def hammer(store: Store) -> None:
    asked = questions(store)

    def worker(offset: int) -> list[tuple[int, object]]:
        wrong = []
        for round_ in range(ROUNDS):
            for step in range(len(asked)):
                index = (offset + step + round_) % len(asked)
                run, expected = asked[index]
                got = outcome(run)
                if got != expected:
                    wrong.append((index, got))
        return wrong

    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(worker, range(THREADS)))
    assert results == [[]] * THREADS


def test_eight_threads_share_one_embedded_store(embedded: EmbeddedStore) -> None:
    hammer(embedded)


@pytest.fixture
def oxigraph(fresh_oxigraph_url: str, fixture_quads: list[ox.Quad]) -> Iterator[RemoteStore]:
    """An Oxigraph server of this test's own (the session's shared one may hold other tests' data)."""
    store = open_store(fresh_oxigraph_url)
    assert isinstance(store, RemoteStore)
    store.publish(fixture_quads)
    yield store


@pytest.mark.server
def test_eight_threads_share_one_remote_store(oxigraph: RemoteStore) -> None:
    hammer(oxigraph)
