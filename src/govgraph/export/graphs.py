"""GraphML and GEXF: the commitment–entity network, for Gephi, yEd and Cytoscape users."""

import io
import re

import networkx as nx
import pyoxigraph as ox

from ..network import build_graph
from . import graphml as graphml_text
from .dates import release_date


def _network(quads: list[ox.Quad]) -> nx.Graph:
    return build_graph(quads, "commitment-entity")


def graphml(quads: list[ox.Quad]) -> bytes:
    """The commitment–entity graph as GraphML."""
    return graphml_of(_network(quads))


def graphml_of(graph: nx.Graph) -> bytes:
    """Any network as GraphML, nodes and edges in sorted order: the same graph gives the same bytes."""
    return graphml_text.write(graph)


def gexf(quads: list[ox.Quad]) -> bytes:
    """The commitment–entity graph as GEXF 1.2; its date is the release date, not today."""
    buffer = io.BytesIO()
    nx.write_gexf(_sorted(_network(quads)), buffer, encoding="utf-8", prettyprint=True, version="1.2draft")
    text = buffer.getvalue().decode("utf-8")
    text = re.sub(r'lastmodifieddate="[^"]*"', f'lastmodifieddate="{release_date() or "1970-01-01"}"', text, count=1)
    return text.encode("utf-8")


def _sorted(graph: nx.Graph) -> nx.Graph:
    """The same graph with nodes and edges inserted in sorted order, so writers emit them sorted."""
    ordered = nx.Graph(**graph.graph)
    ordered.add_nodes_from(sorted(graph.nodes(data=True)))
    ordered.add_edges_from(sorted((min(a, b), max(a, b), d) for a, b, d in graph.edges(data=True)))
    return ordered
