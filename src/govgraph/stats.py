"""Counts of what the graph holds, for `govgraph stats`, `build` and dashboards."""

import os
from pathlib import Path

import pyoxigraph as ox

from .namespaces import GG
from .store import MemoryStore, Store, TrustedQuery

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


_COUNT_QUERIES = {label: TrustedQuery.of(f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a/rdfs:subClassOf* <{cls}> }}")
                  for label, cls in COUNTED.items()}


def open_readonly(source: Path) -> ox.Store:
    """A store over a built store directory, or an in-memory one over an N-Quads/Turtle file."""
    if source.is_dir():  # resolved now: build/store links to the current build, which a rebuild may switch
        return ox.Store.read_only(os.path.realpath(source))
    store = ox.Store()
    store.bulk_load(path=str(source))
    return store


def count_summary(source: Path | ox.Store | Store) -> dict[str, int]:
    """Triples, then instances of each counted class (subclasses included through the ontology)."""
    store = MemoryStore.of(open_readonly(source) if isinstance(source, Path) else source)
    counts = {"triples": store.triple_count()}
    for label, query in _COUNT_QUERIES.items():
        counts[label] = int(store.select(query).rows[0][0].toPython())
    return counts


def format_counts(counts: dict[str, int]) -> str:
    """Counts as aligned lines."""
    width = max(map(len, counts))
    return "\n".join(f"{label:<{width}}  {value:>8}" for label, value in counts.items())
