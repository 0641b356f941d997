"""Counts of what the graph holds, for `govgraph stats`, `build` and dashboards."""

from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from . import derived, vocabulary
from .store import MemoryStore, Store, TrustedQuery
from .store.results import integer

#: What analysts count, in the order they read it: label → class (the one list of `vocabulary.COUNTED`).
COUNTED = {counted.key: URIRef(counted.cls) for counted in vocabulary.COUNTED}


def count_summary(source: ox.Store | Store, ontology: Path | None = None) -> dict[str, int]:
    """Triples, then instances of each counted class: subclasses included, from the ontology and the data."""
    store = MemoryStore.of(source)
    return {"triples": store.triple_count() - derived.size(store), **count_instances(store, ontology)}  # curated triples


def count_instances(store: Store, ontology: Path | None = None, *, timeout: float = 30.0) -> dict[str, int]:
    """Distinct instances of each class of `vocabulary.COUNTED` (and of the classes below it), by key, in one query."""
    below = vocabulary.subclasses(store, vocabulary.load(ontology), timeout)
    pairs = " ".join(f'(<{cls}> "{counted.key}")' for counted in vocabulary.COUNTED for cls in sorted(below(counted.cls)))
    query = TrustedQuery.of(
        f"SELECT ?key (COUNT(DISTINCT ?s) AS ?n) WHERE {{ VALUES (?c ?key) {{ {pairs} }} ?s a ?c }} GROUP BY ?key"
    )
    found = {str(key): integer(n) for key, n in store.select(query, timeout=timeout).rows}
    return {counted.key: found.get(counted.key, 0) for counted in vocabulary.COUNTED}


def format_counts(counts: dict[str, int]) -> str:
    """Counts as aligned lines."""
    width = max(map(len, counts))
    return "\n".join(f"{label:<{width}}  {value:>8}" for label, value in counts.items())
