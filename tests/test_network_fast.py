"""The fast path (igraph) agrees with networkx: on the hand-computed fixture, and on a graph large enough to be sampled.

The fixture's values are worked out by hand in test_network.py; here each metric is computed by
both engines on the same projections, so the fast path is held to the same hand counts. The
Parquet edge list is read back by DuckDB, whose Parquet reader shares no code with pyarrow's.
"""

import duckdb
import networkx as nx
import pytest

from govgraph import network, paths
from govgraph.loading import load_store

pytest_plugins = ["tests.conftest_export"]
from tests.conftest import run_cli  # noqa: E402
from tests.conftest_export import NETWORK  # noqa: E402

ID = "https://w3id.org/govgraph/id/"


@pytest.fixture(scope="module")
def facts() -> network.Facts:
    return network.Facts(load_store([paths.ONTOLOGY_FILE, NETWORK]))


def by_id(rows: list[dict], column: str) -> dict[str, float]:
    return {row["id"]: row[column] for row in rows}


@pytest.mark.parametrize("projection", network.PROJECTIONS)
def test_betweenness_and_eigenvector_agree_on_the_fixture(facts: network.Facts, projection: str) -> None:
    graph = network.build_graph(facts, projection, roles=network.ROLES)
    for metric in (network.betweenness, network.eigenvector):
        slow = by_id(metric(graph, engine="networkx"), metric.__name__)
        fast = by_id(metric(graph, engine="igraph"), metric.__name__)
        assert fast.keys() == slow.keys()
        for node, value in slow.items():
            assert fast[node] == pytest.approx(value, abs=1e-6), (metric.__name__, node)


def test_fast_betweenness_keeps_the_hand_count(facts: network.Facts) -> None:
    # test_network.py: p5-s2 lies on 14 of the 66 pairs' shortest paths.
    rows = network.betweenness(network.build_graph(facts, "commitment-entity"), engine="igraph")
    assert by_id(rows, "betweenness")[ID + "statement/p5-s2"] == pytest.approx(14 / 66, abs=1e-6)


def test_fast_communities_find_the_triangle_and_the_bowtie(facts: network.Facts) -> None:
    # test_network.py: the best partition of co-mention is the bowtie (community 1) and the triangle (2).
    graph = network.build_graph(facts, "co-mention")
    assert network.communities(graph, engine="igraph") == network.communities(graph, engine="networkx")


def test_sampled_betweenness_is_networkx_s_estimate() -> None:
    # Above EXACT_UP_TO nodes both engines draw the same SAMPLED sources and scale them alike.
    graph = nx.relabel_nodes(nx.gnm_random_graph(network.EXACT_UP_TO + 50, 2 * network.EXACT_UP_TO, seed=3), str)
    nx.set_node_attributes(graph, "node", "kind")
    nx.set_node_attributes(graph, {n: n for n in graph}, "label")
    slow = by_id(network.betweenness(graph, engine="networkx"), "betweenness")
    fast = by_id(network.betweenness(graph, engine="igraph"), "betweenness")
    assert max(abs(fast[n] - slow[n]) for n in graph) <= 1e-6
    exact = by_id(network.betweenness(graph, estimate=False, engine="igraph"), "betweenness")
    bound = network.betweenness_error(len(graph))
    assert 0 < bound < 0.2
    assert max(abs(fast[n] - exact[n]) for n in graph) <= bound


def test_parquet_edge_list_read_by_duckdb(tmp_path) -> None:
    out = tmp_path / "edges.parquet"
    done = run_cli("network", "-i", str(NETWORK), "--projection", "co-mention", "--format", "parquet", "--out", str(out))
    assert done.returncode == 0, done.stderr
    relation = duckdb.sql(f"SELECT src, dst, weight, statements FROM read_parquet('{out}') ORDER BY src, dst")
    assert relation is not None  # a SELECT gives a relation
    rows = relation.fetchall()
    # test_network.py: co-mention has 9 edges (two triangles sharing wsis-20, and a third triangle).
    assert len(rows) == 9
    assert (ID + "forum/gdc", ID + "forum/wsis-20", 1, ID + "statement/p5-s2") in rows
    assert all(src < dst for src, dst, _, _ in rows)
    again = tmp_path / "again.parquet"
    run_cli("network", "-i", str(NETWORK), "--projection", "co-mention", "--format", "parquet", "--out", str(again))
    assert again.read_bytes() == out.read_bytes()
    stdout = run_cli("network", "-i", str(NETWORK), "--format", "parquet")
    assert stdout.returncode == 2 and "--out" in stdout.stderr
