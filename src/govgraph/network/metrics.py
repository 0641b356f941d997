"""Centrality, communities and paths on the projections, returned as plain tables.

Every table is a list of dicts sorted by value (highest first) then label, with floats
rounded to 6 places, so results compare equal across runs and machines. Centralities are
computed on the unweighted graph, as the tests work them out by hand; communities use
edge weights (greedy modularity, deterministic for a given node order, and nodes are
added in sorted order).
"""

from itertools import islice

import networkx as nx

from ..errors import GovgraphError

METRICS = ("degree", "betweenness", "eigenvector", "communities", "path")


def _table(graph: nx.Graph, values: dict[str, float], column: str) -> list[dict]:
    rows = [
        {"id": n, "label": graph.nodes[n]["label"], "kind": graph.nodes[n]["kind"], column: round(v, 6)}
        for n, v in values.items()
    ]
    return sorted(rows, key=lambda r: (-r[column], r["label"], r["id"]))


def degree(graph: nx.Graph) -> list[dict]:
    """Number of neighbours; the same divided by n - 1 (degree centrality); the sum of edge weights."""
    rows = _table(graph, dict(graph.degree()), "degree")
    centrality = nx.degree_centrality(graph)
    weighted = dict(graph.degree(weight="weight"))
    for row in rows:
        row["centrality"] = round(centrality[row["id"]], 6)
        row["weighted"] = weighted[row["id"]]
    return rows


#: Above this many nodes `betweenness(graph, estimate=True)` samples SAMPLED source nodes (exact is O(nodes × links)).
EXACT_UP_TO = 1500
SAMPLED = 100


def betweenness(graph: nx.Graph, *, estimate: bool = False) -> list[dict]:
    """Share of shortest paths between other nodes that pass through each node (normalised).

    With `estimate`, a graph of more than EXACT_UP_TO nodes gets the estimate from SAMPLED
    source nodes (fixed seed, so the same graph gives the same values).
    """
    sample = {"k": SAMPLED, "seed": 1} if estimate and len(graph) > EXACT_UP_TO else {}
    return _table(graph, nx.betweenness_centrality(graph, normalized=True, **sample), "betweenness")


def eigenvector(graph: nx.Graph) -> list[dict]:
    """Eigenvector centrality (unit Euclidean norm over the whole graph)."""
    if graph.number_of_nodes() == 0:
        return []
    return _table(graph, nx.eigenvector_centrality(graph, max_iter=10000, tol=1e-12), "eigenvector")


def communities(graph: nx.Graph) -> list[dict]:
    """Greedy-modularity communities, numbered from 1 by size (largest first), then by first label."""
    found = (
        nx.community.greedy_modularity_communities(graph, weight="weight") if graph.number_of_edges() else [{n} for n in graph]
    )
    ordered = sorted(
        (sorted(c, key=lambda n: (graph.nodes[n]["label"], n)) for c in found),
        key=lambda c: (-len(c), graph.nodes[c[0]]["label"], c[0]),
    )
    return [
        {"id": n, "label": graph.nodes[n]["label"], "kind": graph.nodes[n]["kind"], "community": number}
        for number, members in enumerate(ordered, 1)
        for n in members
    ]


def shortest_path(graph: nx.Graph, source: str, target: str) -> list[dict]:
    """The shortest path between two nodes; among equals, the one whose labels sort first.

    On the commitment-entity graph every second step is a statement: the commitments that
    connect the two entities.
    """
    for node in (source, target):
        if node not in graph:
            raise GovgraphError(f"{node} is not in the graph (is it named by any commitment?)")
    try:
        paths = list(islice(nx.all_shortest_paths(graph, source, target), 10000))
    except nx.NetworkXNoPath:
        raise GovgraphError(f"no path between {source} and {target}") from None
    best = min(paths, key=lambda p: [(graph.nodes[n]["label"], n) for n in p])
    return [{"step": i, "id": n, "label": graph.nodes[n]["label"], "kind": graph.nodes[n]["kind"]} for i, n in enumerate(best)]


def annotate(graph: nx.Graph, rows: list[dict], column: str) -> nx.Graph:
    """A copy of `graph` with each row's `column` value set on its node (for GraphML output)."""
    copy = graph.copy()
    for row in rows:
        copy.nodes[row["id"]][column] = row[column]
    return copy
