"""Headline counts and the breakdowns of commitments the Overview page charts."""

from __future__ import annotations

from dataclasses import dataclass

from ..store import Store
from .facets import FacetValue, facet_values
from .vocab import number, text

#: What the overview counts: key → (title, class whose instances, subclasses included, are counted).
COUNTED: dict[str, tuple[str, str]] = {
    "commitments": ("Commitments", "gg:Commitment"),
    "statements": ("Statements", "gg:Statement"),
    "forums": ("Forums and processes", "gg:Forum"),
    "initiatives": ("Initiatives", "gg:Initiative"),
    "actors": ("Actors", "gg:Actor"),
    "documents": ("Documents", "gg:Document"),
}
#: The breakdowns charted: facet key → chart title.
BREAKDOWNS: dict[str, str] = {
    "forum": "Commitments by forum",
    "theme": "Commitments by theme",
    "act": "Commitments by kind of act",
    "year": "Commitments by target year",
}


@dataclass
class Overview:
    """Counts by key of COUNTED, plus the triple count."""

    counts: dict[str, int]
    triples: int


def overview(store: Store, *, timeout: float = 30.0) -> Overview:
    """How many commitments, statements, forums, initiatives, actors and documents the graph holds."""
    branches = " UNION ".join(
        f'{{ ?x a ?c . ?c rdfs:subClassOf* {cls} . BIND("{key}" AS ?kind) }}' for key, (_, cls) in COUNTED.items()
    )
    table = store.select(f"SELECT ?kind (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {branches} }} GROUP BY ?kind",
                         timeout=timeout)
    counts = {key: 0 for key in COUNTED}
    for kind, n in table.rows:
        counts[text(kind)] = number(n)
    return Overview(counts=counts, triples=store.triple_count())


def breakdown(store: Store, *, timeout: float = 30.0) -> dict[str, list[FacetValue]]:
    """Commitments per value of each charted facet, most frequent first (years in time order)."""
    values = facet_values(store, commitments_only=True, timeout=timeout)
    return {key: values[key] for key in BREAKDOWNS}
