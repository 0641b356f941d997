"""Network analysis of the graph: projections (build) and metrics (tables)."""

from .build import DEFAULT_ROLES, ENTITY_KINDS, PROJECTIONS, ROLES, Facts, Link, as_store, build_graph
from .metrics import METRICS, annotate, betweenness, communities, degree, eigenvector, shortest_path

__all__ = ["DEFAULT_ROLES", "ENTITY_KINDS", "METRICS", "PROJECTIONS", "ROLES", "Facts", "Link", "annotate", "as_store",
           "betweenness", "build_graph", "communities", "degree", "eigenvector", "shortest_path"]
