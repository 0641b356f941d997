"""The streaming GraphML and GEXF writers: networkx reads back the same graph, whatever the text or the insertion order."""

import io

import networkx as nx

from govgraph import network
from govgraph.export import gexf, graphml
from govgraph.source import GraphSource


def _graph(reverse: bool) -> nx.Graph:
    graph = nx.Graph(projection="co-mention")
    nodes = [
        ("a&b", {"label": "<script>\"x\"</script> & 'y'", "community": 1, "score": 0.25, "seed": True}),
        ("z", {"label": "plain", "community": 2, "score": 1.5, "seed": False}),
        ("m", {"label": "ünïcode ✓", "community": 1, "score": 0.0, "seed": False}),
    ]
    edges = [("z", "a&b", {"weight": 3, "roles": "madeBy forum"}), ("m", "z", {"weight": 1, "roles": "theme"})]
    for items in (nodes, edges):
        if reverse:
            items.reverse()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges)
    return graph


def test_networkx_reads_back_the_same_graph_with_its_types() -> None:
    graph = _graph(reverse=False)
    read = nx.read_graphml(io.BytesIO(graphml.write(graph)))
    assert dict(read.nodes(data=True)) == dict(graph.nodes(data=True))
    assert {frozenset((a, b)): d for a, b, d in read.edges(data=True)} == {
        frozenset((a, b)): d for a, b, d in graph.edges(data=True)
    }
    assert read.graph["projection"] == "co-mention"
    assert list(read.nodes) == sorted(read.nodes)


def test_the_same_graph_built_in_another_order_gives_the_same_bytes() -> None:
    assert graphml.write(_graph(reverse=False)) == graphml.write(_graph(reverse=True))


def test_gexf_reads_back_with_labels_weights_and_attributes() -> None:
    graph = _graph(reverse=False)
    read = nx.read_gexf(io.BytesIO(gexf.write(graph, "2026-01-02")))
    assert dict(read.nodes(data=True)) == dict(graph.nodes(data=True))
    edges = {frozenset((a, b)): {k: v for k, v in d.items() if k != "id"} for a, b, d in read.edges(data=True)}
    assert edges == {frozenset((a, b)): {**d, "weight": float(d["weight"])} for a, b, d in graph.edges(data=True)}
    assert gexf.write(graph, "2026-01-02") == gexf.write(_graph(reverse=True), "2026-01-02")


def test_the_exported_network_streamed_from_the_facts_is_the_networkx_projection_byte_for_byte() -> None:
    """The export writes `network.Records` read from SPARQL results, never a networkx graph: the same bytes."""
    quads = GraphSource.from_files().quads()
    facts = network.Facts(quads)
    records, graph = network.commitment_entity_records(facts), network.build_graph(facts, "commitment-entity")
    assert len(records.nodes) == graph.number_of_nodes() > 40
    assert len(records.edges) == graph.number_of_edges()
    assert graphml.write(records) == graphml.write(graph)
    assert gexf.write(records, "2026-01-02") == gexf.write(graph, "2026-01-02")
