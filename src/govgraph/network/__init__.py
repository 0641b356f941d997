"""Network analysis of the graph: projections (graphs) and metrics (tables)."""

from .graphs import DEFAULT_ROLES, ENTITY_KINDS, PROJECTIONS, ROLES, EntityLink, Facts, Source, build_graph
from .metrics import (
    CONFIDENCE,
    ENGINES,
    EXACT_UP_TO,
    METRICS,
    NETWORKX_UP_TO,
    SAMPLED,
    annotate,
    betweenness,
    betweenness_error,
    communities,
    degree,
    eigenvector,
    sampled,
    shortest_path,
)

__all__ = [
    "CONFIDENCE",
    "DEFAULT_ROLES",
    "ENGINES",
    "ENTITY_KINDS",
    "EXACT_UP_TO",
    "METRICS",
    "NETWORKX_UP_TO",
    "PROJECTIONS",
    "ROLES",
    "SAMPLED",
    "Facts",
    "EntityLink",
    "Source",
    "annotate",
    "betweenness",
    "betweenness_error",
    "build_graph",
    "communities",
    "degree",
    "eigenvector",
    "sampled",
    "shortest_path",
]
