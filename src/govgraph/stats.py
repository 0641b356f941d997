"""Counts of what the graph holds, for `govgraph stats`, `build` and dashboards."""

import pyoxigraph as ox

from .namespaces import GG, sparql_prologue

#: What analysts count, in the order they read it: label → class.
COUNTED = {
    "statements": GG.Statement,
    "commitments": GG.Commitment,
    "documents": GG.Document,
    "forums": GG.Forum,
    "meetings": GG.Meeting,
    "initiatives": GG.Initiative,
    "actors": GG.Actor,
    "themes": GG.Theme,
    "stakeholder groups": GG.StakeholderGroup,
    "target groups": GG.TargetGroup,
    "regions": GG.Region,
}


def count_summary(store: ox.Store) -> dict[str, int]:
    """Triples, then instances of each counted class (subclasses included through the ontology)."""
    counts = {"triples": len(store)}
    for label, cls in COUNTED.items():
        query = sparql_prologue() + f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a/rdfs:subClassOf* <{cls}> }}"
        counts[label] = int(next(iter(store.query(query, use_default_graph_as_union=True)))["n"].value)
    return counts


def format_counts(counts: dict[str, int]) -> str:
    """Counts as aligned lines."""
    width = max(map(len, counts))
    return "\n".join(f"{label:<{width}}  {value:>8}" for label, value in counts.items())
