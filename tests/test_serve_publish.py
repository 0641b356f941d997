"""Publishing in bounded memory: whole graphs reach a real Oxigraph server whatever the batch size.

A build's N-Quads file is sorted by subject, so each graph's quads are spread through it. With
batches far smaller than a graph, a publisher that sent each batch as it came would replace a
graph with its last part; `publish_in_batches` spools each graph first and sends it whole.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from govgraph import derived
from govgraph.publish import publish, publish_in_batches
from govgraph.source import GraphSource, open_store
from govgraph.store import RemoteStore

pytest_plugins = ["tests.servers"]

pytestmark = pytest.mark.server

EVERY_QUAD = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"


def held(store: RemoteStore) -> set[tuple[str, ...]]:
    """Every quad the server holds, as the text of its four terms."""
    return {tuple(str(term) for term in row) for row in store.select(EVERY_QUAD, limit=1_000_000).rows}


def expected(quads: list[ox.Quad]) -> set[tuple[str, ...]]:
    return {tuple(str(term.value) for term in (q.graph_name, q.subject, q.predicate, q.object)) for q in quads}


def test_graphs_spread_through_the_file_arrive_whole_in_small_batches(fresh_oxigraph_url: str) -> None:
    build = GraphSource.from_files()
    quads = build.quads()
    graphs = {q.graph_name for q in quads}
    assert len(graphs) >= 3 and len(quads) > 20 * 50  # every graph spans many batches of 50
    with open_store(fresh_oxigraph_url) as store:
        assert isinstance(store, RemoteStore)
        counts = publish_in_batches(store, iter(quads), batch=50)
        assert counts == {g.value: sum(1 for q in quads if q.graph_name == g) for g in graphs}
        assert held(store) == expected(quads)


def test_publish_reads_the_build_file_as_it_goes(fresh_oxigraph_url: str, tmp_path) -> None:
    """`publish` from a build file gives the same graphs as the quads parsed at once."""
    source = GraphSource.from_files()
    build_file = tmp_path / "govgraph.nq"
    ox.serialize(sorted(source.quads(), key=str), str(build_file), ox.RdfFormat.N_QUADS)
    with open_store(fresh_oxigraph_url) as store:
        assert isinstance(store, RemoteStore)
        outcome = publish(store, GraphSource.from_build(build_file))
        counts = derived.counts(store)  # publish adds the counts of what the server holds
        assert held(store) == expected(source.quads() + counts)
    assert outcome.graphs.pop(derived.DERIVED_GRAPH) == len(counts)
    assert sum(outcome.graphs.values()) == len(source.quads())
