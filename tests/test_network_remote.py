"""The network read through the Store interface: the embedded store and a real Oxigraph server agree.

Both stores hold the hand-modelled fixture (tests/fixtures/network, see test_network.py for the
hand-worked values): the same facts go into a temporary embedded store and, by Graph Store PUT,
into an Oxigraph server of this module's own on 127.0.0.1. Every projection must come out with
the same nodes, edges and metrics from both, and the remote one must match the hand counts.
"""

from collections.abc import Iterator

import networkx as nx
import pyoxigraph as ox
import pytest

from govgraph import network, paths
from govgraph.loading import load_store
from govgraph.source import open_store
from govgraph.store import EmbeddedStore, RemoteStore, temporary_store

pytest_plugins = ["tests.servers", "tests.conftest_export"]
from tests.conftest import run_cli  # noqa: E402
from tests.conftest_export import NETWORK  # noqa: E402
from tests.servers import start_oxigraph, stop  # noqa: E402

pytestmark = pytest.mark.server

ID = "https://w3id.org/govgraph/id/"
TABLES = (network.degree, network.betweenness, network.eigenvector, network.communities)


@pytest.fixture(scope="module")
def quads() -> list[ox.Quad]:
    return list(load_store([paths.ONTOLOGY_FILE, NETWORK]).quads_for_pattern(None, None, None, None))


@pytest.fixture(scope="module")
def embedded(quads: list[ox.Quad]) -> Iterator[EmbeddedStore]:
    store = temporary_store(quads)
    yield store
    store.close()


@pytest.fixture(scope="module")
def remote(quads: list[ox.Quad]) -> Iterator[RemoteStore]:
    process, url = start_oxigraph()
    try:
        store = open_store(url)
        assert isinstance(store, RemoteStore)
        store.publish(quads)
        yield store
    finally:
        stop(process)


def edges(graph: nx.Graph) -> dict[tuple[str, str], dict]:
    return {tuple(sorted((a, b))): data for a, b, data in graph.edges(data=True)}


@pytest.mark.parametrize("projection", network.PROJECTIONS)
def test_same_projection_on_both_stores(embedded: EmbeddedStore, remote: RemoteStore, projection: str) -> None:
    here = network.build_graph(network.Facts(embedded), projection, roles=network.ROLES)
    there = network.build_graph(network.Facts(remote), projection, roles=network.ROLES)
    assert here.number_of_nodes() > 0
    assert dict(there.nodes(data=True)) == dict(here.nodes(data=True))
    assert edges(there) == edges(here)
    for table in TABLES:
        assert table(there) == table(here), table.__name__


def test_remote_matches_the_hand_counts(remote: RemoteStore) -> None:
    # test_network.py: 13 nodes, 11 edges in two trees; p5-s2 lies on 14 of the 66 pairs' paths.
    graph = network.build_graph(network.Facts(remote), "commitment-entity")
    assert graph.number_of_nodes() == 13 and graph.number_of_edges() == 11
    assert nx.number_connected_components(graph) == 2
    got = {row["id"]: row["betweenness"] for row in network.betweenness(graph)}
    assert got[ID + "statement/p5-s2"] == pytest.approx(14 / 66, abs=1e-6)
    # The year's label comes from time:inXSDgYear (it has no rdfs:label) on the server too.
    assert graph.nodes[ID + "year/2025"] == {"label": "2025", "kind": "instant", "kinds": "instant"}


def test_cli_reads_an_endpoint(remote: RemoteStore) -> None:
    done = run_cli("network", "--endpoint", remote.where, "--metric", "betweenness", "--format", "csv")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1] == f"{ID}statement/p5-s2,P5 S2: pledge,commitment,0.212121"  # 14/66
