"""Centrality, communities and paths on the projections, returned as plain tables.

Every table is a list of dicts sorted by value (highest first) then label, with floats
rounded to 6 places, so results compare equal across runs and machines. Centralities are
computed on the unweighted graph, as the tests work them out by hand; communities use
edge weights.

Each metric runs on networkx up to NETWORKX_UP_TO nodes and on igraph above (`engine`
chooses either): the same values, but in C. Communities are greedy modularity on networkx
and Leiden (modularity, fixed seed) on igraph; both are deterministic for a given graph.
"""

import math
import random
from itertools import islice

import networkx as nx

from ..errors import GovgraphError
from . import fast

METRICS = ("degree", "betweenness", "eigenvector", "communities", "path")
#: Engines: "networkx", "igraph", or "auto" (networkx up to NETWORKX_UP_TO nodes, igraph above).
ENGINES = ("auto", "networkx", "igraph")
NETWORKX_UP_TO = 500


def _on_igraph(graph: nx.Graph, engine: str) -> bool:
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose from {', '.join(ENGINES)}")
    return engine == "igraph" or (engine == "auto" and len(graph) > NETWORKX_UP_TO)


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
SAMPLED = 500
#: The estimate is within `betweenness_error(n)` of the exact value for each node with this probability.
CONFIDENCE = 0.95


def sampled(graph: nx.Graph, estimate: bool = True) -> bool:
    """Whether `betweenness(graph, estimate=estimate)` samples sources rather than using them all."""
    return estimate and len(graph) > EXACT_UP_TO


def betweenness_error(nodes: int, samples: int = SAMPLED, confidence: float = CONFIDENCE) -> float:
    """The most the sampled betweenness of a node differs from the exact one, with probability `confidence`.

    Each sampled source adds a share in [0, n/(n-1)] of the normalised value (Brandes and Pich's
    estimator, the one networkx uses), so Hoeffding's inequality bounds the mean of `samples` of them.
    """
    return nodes / (nodes - 1) * math.sqrt(math.log(2 / (1 - confidence)) / (2 * samples))


def betweenness(graph: nx.Graph, *, estimate: bool = True, engine: str = "auto") -> list[dict]:
    """Share of shortest paths between other nodes that pass through each node (normalised).

    With `estimate` (the default), a graph of more than EXACT_UP_TO nodes gets the estimate from
    SAMPLED source nodes (fixed seed, so the same graph gives the same values), within
    `betweenness_error(len(graph))` of the exact value; `estimate=False` is exact at any size.
    """
    sources = random.Random(1).sample(list(graph), SAMPLED) if sampled(graph, estimate) else None
    if _on_igraph(graph, engine):
        values = fast.betweenness(graph, sources)
    else:
        sample = {"k": SAMPLED, "seed": 1} if sources else {}
        values = nx.betweenness_centrality(graph, normalized=True, **sample)
    return _table(graph, values, "betweenness")


def eigenvector(graph: nx.Graph, *, engine: str = "auto") -> list[dict]:
    """Eigenvector centrality (unit Euclidean norm over the whole graph)."""
    if graph.number_of_nodes() == 0:
        return []
    if _on_igraph(graph, engine):
        return _table(graph, fast.eigenvector(graph), "eigenvector")
    return _table(graph, nx.eigenvector_centrality(graph, max_iter=10000, tol=1e-12), "eigenvector")


def communities(graph: nx.Graph, *, engine: str = "auto") -> list[dict]:
    """Modularity communities, numbered from 1 by size (largest first), then by first label."""
    if not graph.number_of_edges():
        found = [{n} for n in graph]
    elif _on_igraph(graph, engine):
        found = fast.communities(graph)
    else:
        found = nx.community.greedy_modularity_communities(graph, weight="weight")
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
