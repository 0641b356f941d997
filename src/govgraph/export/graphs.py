"""GraphML and GEXF: the commitment–entity network, for Gephi, yEd and Cytoscape users.

Both stream the network's records (sorted nodes and edges, `network.Records`) read from SPARQL
results over the export's quads: no networkx graph is built.
"""

import networkx as nx
import pyoxigraph as ox

from ..network import Records, commitment_entity_records
from . import gexf as gexf_text
from . import graphml as graphml_text
from .canonical import Canonical
from .dates import release_date


def _network(quads: list[ox.Quad]) -> Records:
    """The commitment–entity network, built once per export run (kept on its canonical quads)."""
    if not isinstance(quads, Canonical):
        return commitment_entity_records(quads)
    if quads.network is None:
        quads.network = commitment_entity_records(quads)
    return quads.network


def graphml(quads: list[ox.Quad]) -> bytes:
    """The commitment–entity graph as GraphML."""
    return graphml_of(_network(quads))


def graphml_of(graph: nx.Graph | Records) -> bytes:
    """Any network as GraphML, nodes and edges in sorted order: the same graph gives the same bytes."""
    return graphml_text.write(graph)


def gexf(quads: list[ox.Quad]) -> bytes:
    """The commitment–entity graph as GEXF 1.2; its date is the release date, not today."""
    return gexf_text.write(_network(quads), release_date() or "1970-01-01")
