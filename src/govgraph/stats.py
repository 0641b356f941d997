"""Counts of what the graph holds, for `govgraph stats`, `build` and dashboards."""

import os
from pathlib import Path

import pyoxigraph as ox

from rdflib import URIRef

from . import vocabulary
from .store import MemoryStore, Store, TrustedQuery

#: What analysts count, in the order they read it: label → class (the one list of `vocabulary.COUNTED`).
COUNTED = {counted.key: URIRef(counted.cls) for counted in vocabulary.COUNTED}


def open_readonly(source: Path) -> ox.Store:
    """A store over a built store directory, or an in-memory one over an N-Quads/Turtle file."""
    if source.is_dir():  # resolved now: build/store links to the current build, which a rebuild may switch
        return ox.Store.read_only(os.path.realpath(source))
    store = ox.Store()
    store.bulk_load(path=str(source))
    return store


def count_summary(source: Path | ox.Store | Store, ontology: Path | None = None) -> dict[str, int]:
    """Triples, then instances of each counted class: subclasses included, from the ontology and the data."""
    store = MemoryStore.of(open_readonly(source) if isinstance(source, Path) else source)
    known = vocabulary.load(ontology)
    counts = {"triples": store.triple_count()}
    for counted in vocabulary.COUNTED:
        counts[counted.key] = int(store.select(count_query(counted.cls, known)).rows[0][0].toPython())
    return counts


def count_query(cls: str, known: vocabulary.Vocabulary) -> TrustedQuery:
    """Distinct instances of `cls` or a class below it, in the ontology or by the data's rdfs:subClassOf."""
    below = " ".join(f"<{c}>" for c in sorted(known.below(cls)))
    return TrustedQuery.of(f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a ?c . "
                           f"{{ VALUES ?c {{ {below} }} }} UNION {{ ?c rdfs:subClassOf* <{cls}> }} }}")


def format_counts(counts: dict[str, int]) -> str:
    """Counts as aligned lines."""
    width = max(map(len, counts))
    return "\n".join(f"{label:<{width}}  {value:>8}" for label, value in counts.items())
