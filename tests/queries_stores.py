"""Stores holding the seed graph for the saved-question tests (a pytest plugin).

Load it with ``pytest_plugins = ["tests.servers", "tests.queries_stores"]``. ``backend_store`` is each of the
three stores in turn, session-scoped so that every server starts once:

- ``embedded``: a temporary embedded store (pyoxigraph, default graph = union of named graphs);
- ``oxigraph``: the real ``oxigraph serve`` of the ``servers`` plugin, the seed published to it;
- ``virtuoso``: the real Virtuoso 7 of the ``servers`` plugin, the seed published to it.

The servers are shared with other test modules that publish their own fixtures, so before each
test ``seed_ready`` checks that a server holds exactly the seed's graphs and triple count, and
drops foreign graphs and publishes again when it does not.
"""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pyoxigraph as ox
import pytest

from govgraph import derived, loading
from govgraph.source import open_store
from govgraph.store import RemoteStore, Store, temporary_store

BACKENDS = ["embedded", "oxigraph", "virtuoso"]


@pytest.fixture(scope="session")
def seed_quads() -> list[ox.Quad]:
    """The ontology and every curated data file, each in its named graph, and the derived graph (as `govgraph build` writes them)."""
    return list(derived.with_derived(loading.load_store()).quads_for_pattern(None, None, None))


def _graph_counts(quads: list[ox.Quad]) -> dict[str, int]:
    counts: dict[str, set] = {}
    for quad in quads:
        counts.setdefault(quad.graph_name.value, set()).add((quad.subject, quad.predicate, quad.object))
    return {graph: len(triples) for graph, triples in counts.items()}


GOVGRAPH_GRAPHS = "https://w3id.org/govgraph/"
_COUNT = f"""SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER (STRSTARTS(STR(?g), "{GOVGRAPH_GRAPHS}")) }}
GROUP BY ?g"""


def _holds_seed(store: RemoteStore, expected: dict[str, int]) -> bool:
    """True when the server's govgraph graphs are exactly the seed's, triple for triple count.

    Only graphs under the govgraph base count: Virtuoso keeps system graphs of its own.
    """
    # A plain HTTP GET: this runs before every test, and the store's parse-and-check of a query
    # costs more than the query itself.
    request = urllib.request.Request(
        store.target.query + "?" + urllib.parse.urlencode({"query": _COUNT}),
        headers={"Accept": "application/sparql-results+json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        bindings = json.load(response)["results"]["bindings"]
    found = {b["g"]["value"]: int(b["n"]["value"]) for b in bindings}
    return found == expected


def republish(store: RemoteStore, quads: list[ox.Quad]) -> None:
    """Make the server hold exactly the seed: drop other graphs, then PUT the seed's graphs."""
    expected = _graph_counts(quads)
    if _holds_seed(store, expected):
        return
    store.drop_graphs([g for g in store.graph_names() if g not in expected and g.startswith(GOVGRAPH_GRAPHS)])
    store.publish(quads)


@pytest.fixture(scope="module", params=BACKENDS)
def backend_store(request: pytest.FixtureRequest, seed_quads: list[ox.Quad]) -> Iterator[tuple[str, Store]]:
    """(backend name, store holding the seed) for each backend in turn.

    Module-scoped on top of session-scoped servers: each server starts once per session, and the
    seed's graphs are dropped again when a module is done with a server, so that tests elsewhere
    that publish their own fixtures to the same server find none of ours.
    """
    if request.param == "embedded":
        store = temporary_store(seed_quads)
        try:
            yield request.param, store
        finally:
            store.close()
        return
    url = request.getfixturevalue(f"{request.param}_url")
    remote = open_store(url)
    assert isinstance(remote, RemoteStore)
    republish(remote, seed_quads)
    try:
        yield request.param, remote
    finally:
        remote.drop_graphs(sorted(_graph_counts(seed_quads)))


@pytest.fixture
def seed_ready(backend_store: tuple[str, Store], seed_quads: list[ox.Quad]) -> Store:
    """The store of `backend_store`, checked (and repaired) to hold exactly the seed right now."""
    name, store = backend_store
    if isinstance(store, RemoteStore):
        republish(store, seed_quads)
    return store
