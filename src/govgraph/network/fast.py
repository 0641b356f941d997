"""The metrics on large graphs, by igraph (C): the same values networkx gives, in seconds rather than minutes.

Nodes go to igraph in sorted order, so results do not depend on how the networkx graph was
filled. igraph is imported only when a large graph needs it.
"""

import math
import random
import warnings
from collections.abc import Sequence
from typing import Any

import networkx as nx


def to_igraph(graph: nx.Graph) -> tuple[Any, list[str]]:
    """The igraph twin of an undirected networkx graph (edge attribute `weight`), and its nodes by igraph index."""
    import igraph

    nodes = sorted(graph)
    index = {node: i for i, node in enumerate(nodes)}
    twin = igraph.Graph(n=len(nodes), edges=[(index[a], index[b]) for a, b in graph.edges()])
    twin.es["weight"] = [data.get("weight", 1) for _, _, data in graph.edges(data=True)]
    return twin, nodes


def betweenness(graph: nx.Graph, sources: Sequence[str] | None = None) -> dict[str, float]:
    """Normalised betweenness; from `sources` only (networkx's estimator for its `k` sampled sources) when given.

    igraph counts each unordered pair once; networkx's normalised value counts ordered pairs
    over (n-1)(n-2), and a sampled source cannot be its own source, hence the two scales.
    """
    n = len(graph)
    if n <= 2:
        return dict.fromkeys(graph, 0.0)
    twin, nodes = to_igraph(graph)
    if sources is None:
        return {node: 2 * value / ((n - 1) * (n - 2)) for node, value in zip(nodes, twin.betweenness(directed=False))}
    index = {node: i for i, node in enumerate(nodes)}
    k, sampled = len(sources), set(sources)
    found = twin.betweenness(directed=False, sources=[index[s] for s in sources])
    return {
        node: 2 * value / (((k - 1) if node in sampled else k) * (n - 2)) if k > 1 or node not in sampled else 0.0
        for node, value in zip(nodes, found)
    }


def eigenvector(graph: nx.Graph) -> dict[str, float]:
    """Eigenvector centrality of the unweighted graph with unit Euclidean norm, as networkx scales it."""
    twin, nodes = to_igraph(graph)
    with warnings.catch_warnings():
        # A disconnected graph's smaller components get 0, as with networkx; igraph warns about it.
        warnings.simplefilter("ignore", RuntimeWarning)
        values = twin.eigenvector_centrality()
    norm = math.sqrt(sum(v * v for v in values)) or 1.0
    return {node: value / norm for node, value in zip(nodes, values)}


def communities(graph: nx.Graph, seed: int = 1) -> list[set[str]]:
    """Leiden communities maximising weighted modularity, iterated until stable, from a fixed seed."""
    import igraph

    twin, nodes = to_igraph(graph)
    igraph.set_random_number_generator(random.Random(seed))
    try:
        found = twin.community_leiden(objective_function="modularity", weights="weight", n_iterations=-1)
    finally:
        igraph.set_random_number_generator(random)
    groups: dict[int, set[str]] = {}
    for node, group in zip(nodes, found.membership):
        groups.setdefault(group, set()).add(node)
    return list(groups.values())
