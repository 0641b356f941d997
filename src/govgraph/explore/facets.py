"""The facets of the commitments browser with their counts, and the Overview's headline counts."""

from __future__ import annotations

from dataclasses import dataclass

from .. import vocabulary
from ..stats import count_instances
from ..store import Store, TrustedQuery
from ..terms import short
from .vocab import display, number, text


@dataclass(frozen=True)
class Facet:
    """One way to narrow statements: a key, a title, and the property path from a statement.

    The paths count what the saved questions count: a theme includes its narrower themes, and an
    actor the commitments made by a group it belongs to (`alone_path`: only its own and those naming it)."""

    key: str
    title: str
    path: str
    alone_path: str = ""

    def path_for(self, alone: bool) -> str:
        return self.alone_path if alone and self.alone_path else self.path


@dataclass(frozen=True)
class FacetValue:
    """One value of a facet, with how many statements it names."""

    iri: str
    label: str
    count: int


#: Facets in the order the browser shows them.
FACETS: dict[str, Facet] = {
    f.key: f
    for f in [
        Facet("forum", "Forum", "gg:forum"),
        Facet("initiative", "Initiative", "gg:initiative"),
        Facet(
            "actor",
            "Actor",
            "gg:madeBy/(org:hasMember|gg:nonEnumeratedMember)?|gg:namedActor",
            alone_path="gg:madeBy|gg:namedActor",
        ),
        Facet("stakeholder", "Stakeholder", "gg:stakeholder"),
        Facet("theme", "Theme", "gg:theme/skos:broader*"),
        Facet("target_group", "Target group", "gg:targetGroup"),
        Facet("act", "Kind of act", "gg:actKind"),
        Facet("document", "Document", "dcterms:source"),
        Facet("year", "Target year", "gg:targetTime"),
    ]
}


def statement_pattern(commitments_only: bool) -> str:
    """The pattern that finds statements (?s) with their quote (?quote)."""
    return "?s gg:quote ?quote ." + (" ?s a gg:Commitment ." if commitments_only else "")


def facet_values(
    store: Store, commitments_only: bool = True, *, alone: bool = False, timeout: float = 30.0
) -> dict[str, list[FacetValue]]:
    """Every facet's values with statement counts, most frequent first (one query for all facets).

    `alone`: an actor counts only what it made itself or is named in, not what a group of it made."""
    branches = " UNION ".join(
        f'{{ ?s {facet.path_for(alone)} ?value . BIND("{facet.key}" AS ?facet) }}' for facet in FACETS.values()
    )
    # Labels joined to the counted values, not to every statement's row before counting (a fifth of the time at 1M).
    query = f"""
SELECT ?facet ?value (SAMPLE(?l) AS ?label) (SAMPLE(?counted) AS ?n) WHERE {{
  {{ SELECT ?facet ?value (COUNT(DISTINCT ?s) AS ?counted) WHERE {{
    {statement_pattern(commitments_only)}
    {branches}
    FILTER(isIRI(?value))
  }} GROUP BY ?facet ?value }}
  OPTIONAL {{ ?value rdfs:label ?l }}
}} GROUP BY ?facet ?value"""
    found: dict[str, list[FacetValue]] = {key: [] for key in FACETS}
    for facet, value, label, n in store.select(TrustedQuery.of(query), timeout=timeout, limit=100_000).rows:
        if text(facet) in found:
            found[text(facet)].append(FacetValue(text(value), display(text(value), text(label)), number(n)))
    for key, entries in found.items():
        # Years read best in time order; everything else by how often it is named.
        order = (lambda v: v.label) if key == "year" else (lambda v: (-v.count, v.label.casefold()))
        entries.sort(key=order)
    return found


#: What the overview counts: key → (title, class whose instances, subclasses included, are counted).
#: The one list `govgraph stats` counts too (`vocabulary.COUNTED`).
COUNTED: dict[str, tuple[str, str]] = {c.key: (c.title, short(c.cls)) for c in vocabulary.COUNTED}
#: The breakdowns charted: facet key → chart title.
BREAKDOWNS: dict[str, str] = {
    "forum": "Commitments by forum",
    "theme": "Commitments by theme",
    "act": "Commitments by kind of act",
    "year": "Commitments by target year",
}


@dataclass
class Overview:
    """Counts by key of COUNTED, the source documents (whose text is in the graph) and the triple count."""

    counts: dict[str, int]
    triples: int
    sources: int = 0


SOURCES_QUERY = TrustedQuery.of("SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d gg:sourceFile ?file }")


def overview(store: Store, *, timeout: float = 30.0) -> Overview:
    """How many of each counted class the graph holds: the counts of `govgraph stats`, counted by the same code."""
    sources = store.select(SOURCES_QUERY, timeout=timeout, limit=1).rows
    return Overview(
        counts=count_instances(store, timeout=timeout),
        triples=store.triple_count(),
        sources=number(sources[0][0]) if sources else 0,
    )


def breakdown(store: Store, *, timeout: float = 30.0) -> dict[str, list[FacetValue]]:
    """Commitments per value of each charted facet, most frequent first (years in time order)."""
    values = facet_values(store, commitments_only=True, timeout=timeout)
    return {key: values[key] for key in BREAKDOWNS}
