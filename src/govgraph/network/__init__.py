"""Network analysis of the graph: projections (graphs) and metrics (tables)."""

from .graphs import DEFAULT_ROLES, ENTITY_KINDS, PROJECTIONS, ROLES, EntityLink, Facts, Source, build_graph
from .metrics import EXACT_UP_TO, METRICS, SAMPLED, annotate, betweenness, communities, degree, eigenvector, shortest_path

__all__ = [
    "DEFAULT_ROLES",
    "ENTITY_KINDS",
    "EXACT_UP_TO",
    "METRICS",
    "PROJECTIONS",
    "ROLES",
    "SAMPLED",
    "Facts",
    "EntityLink",
    "Source",
    "annotate",
    "betweenness",
    "build_graph",
    "communities",
    "degree",
    "eigenvector",
    "shortest_path",
]
