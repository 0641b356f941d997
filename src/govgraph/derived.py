"""The derived graph: counts the saved questions read instead of counting the whole graph per run.

`derive` computes them from the curated graph and writes them into one named graph of their
own, `DERIVED_GRAPH`, replacing it: `govgraph build` does so after validating (so the build's
N-Quads and its store hold it), a files source (`--input`) when it loads, and `publish` on the
server, after the data (`counts` of what the server holds). Nobody edits it; every build rebuilds it. Curated data never lives there, so counts of
curated triples (stats), validation and exports leave that graph out by its name.

What it holds, in the `DERIVED` vocabulary (properties of its own, so that no query of the
curated data, which reads the union of the named graphs, ever matches a derived triple):

- on the graph's own IRI, the totals of `totals.rq`;
- on each forum (or whatever `gg:forum` names), the statements and the commitments naming it;
- on each theme, the commitments about it or a narrower theme (`skos:broader*`), and directly;
- on each kind of act, the statements and the commitments performing it;
- one node per pair of forums or initiatives named together, with the statements naming both;
- one node per target year, with the commitments due in it.

Standard vocabularies were weighed: VoID's class partitions hold only two of the five totals,
and the Data Cube (qb) would put one observation node and a structure definition between each
forum and its count, a join more per row for no reader that needs it. Questions that read
this graph keep their plain form (queries/plain/), which `SavedQuery.run` uses on a store
without it (`present`), so a server given only the curated graphs still answers the same rows.
"""

from __future__ import annotations

import hashlib

import pyoxigraph as ox
from rdflib import BNode, Literal
from rdflib.namespace import XSD
from rdflib.term import Node

from .loading import GRAPH_BASE
from .store import MemoryStore, Store, TrustedQuery
from .store.results import integer

#: The named graph of derived triples; other modules leave it out by this name.
DERIVED_GRAPH = GRAPH_BASE + "derived"
GRAPH = ox.NamedNode(DERIVED_GRAPH)
#: The properties of derived triples.
DERIVED = "https://w3id.org/govgraph/derived#"
_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")

#: Totals of the whole graph, each one pass: (property on the graph's IRI, query giving ?n).
TOTALS = {
    "statements": "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class . VALUES ?class { gg:Statement gg:Commitment } }",
    "commitments": "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a gg:Commitment }",
    "paragraphs": "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a gg:Paragraph }",
    "documents": "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?x gg:inParagraph ?p ; dcterms:source ?d }",
    "committingActors": "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?c a gg:Commitment ; gg:madeBy ?a }",
}
#: Counts per resource: (property on the resource, query giving ?x and ?n).
PER_RESOURCE = {
    "statementsNamingForum": "SELECT ?x (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s gg:forum ?x } GROUP BY ?x",
    "commitmentsNamingForum": "SELECT ?x (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c gg:forum ?x ; a gg:Commitment } GROUP BY ?x",
    "commitmentsOnTheme": "SELECT ?x (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c gg:theme ?subject . ?subject skos:broader* ?x . "
    "?c a gg:Commitment } GROUP BY ?x",
    "commitmentsOnThemeDirectly": "SELECT ?x (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c gg:theme ?x ; a gg:Commitment } GROUP BY ?x",
    "statementsOfActKind": "SELECT ?x (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s gg:actKind ?x ; a ?class . "
    "VALUES ?class { gg:Statement gg:Commitment } } GROUP BY ?x",
    "commitmentsOfActKind": "SELECT ?x (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c gg:actKind ?x ; a gg:Commitment } GROUP BY ?x",
}
#: Pairs of forums or initiatives named by one statement, each pair once (first < second).
PAIRS = TrustedQuery.of(
    "SELECT ?first ?second (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s gg:forum|gg:initiative ?first ; "
    "gg:forum|gg:initiative ?second . FILTER (STR(?first) < STR(?second)) } GROUP BY ?first ?second"
)
#: Commitments per target year (a literal, so counted on a node of its own).
TARGET_YEARS = TrustedQuery.of(
    "SELECT ?year (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a gg:Commitment ; gg:targetTime/time:inXSDgYear ?year } GROUP BY ?year"
)
PRESENT = TrustedQuery.of(f"ASK {{ GRAPH <{DERIVED_GRAPH}> {{ <{DERIVED_GRAPH}> <{DERIVED}statements> ?n }} }}")
SIZE = TrustedQuery.of(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{DERIVED_GRAPH}> {{ ?s ?p ?o }} }}")
#: More rows than any count query can give at a million triples (a pair per two forums named together).
_ROWS = 100_000_000


def derive(store: ox.Store) -> int:
    """Replace the derived graph of `store` with what its curated graphs give now; the number of triples written."""
    store.remove_graph(GRAPH)
    quads = counts(store)
    store.extend(quads)
    return len(quads)


def counts(store: ox.Store | Store) -> list[ox.Quad]:
    """The quads of the derived graph for the curated graphs of `store` (read-only, or a server's)."""
    graph = GRAPH
    queries = MemoryStore(store) if isinstance(store, ox.Store) else store
    quads = []

    def count(subject: ox.NamedNode | ox.BlankNode, name: str, value: Node | None) -> None:
        quads.append(ox.Quad(subject, ox.NamedNode(DERIVED + name), ox.Literal(str(integer(value)), datatype=_INTEGER), graph))

    for name, text in TOTALS.items():
        count(graph, name, queries.select(TrustedQuery.of(text)).rows[0][0])
    for name, text in PER_RESOURCE.items():
        for resource, number in queries.select(TrustedQuery.of(text), limit=_ROWS).rows:
            count(_node(resource), name, number)
    for first, second, number in queries.select(PAIRS, limit=_ROWS).rows:
        pair = ox.NamedNode(f"{DERIVED_GRAPH}/pair/{_digest(first, second)}")
        quads.append(ox.Quad(pair, ox.NamedNode(DERIVED + "first"), _node(first), graph))
        quads.append(ox.Quad(pair, ox.NamedNode(DERIVED + "second"), _node(second), graph))
        count(pair, "statementsNamingBoth", number)
    for year, number in queries.select(TARGET_YEARS, limit=_ROWS).rows:
        node = ox.NamedNode(f"{DERIVED_GRAPH}/target-year/{_digest(year)}")
        quads.append(ox.Quad(node, ox.NamedNode(DERIVED + "targetYear"), _term(year), graph))
        count(node, "commitmentsWithTargetYear", number)
    return quads


def _digest(*terms: Node | None) -> str:
    """A short stable name for a derived node from the terms it stands for."""
    return hashlib.sha1(" ".join(term.n3() if term is not None else "" for term in terms).encode()).hexdigest()[:20]


def _node(term: Node | None) -> ox.NamedNode | ox.BlankNode:
    """A resource of a count row as a pyoxigraph term (what `gg:forum`, `gg:theme`… name)."""
    return ox.BlankNode(str(term)) if isinstance(term, BNode) else ox.NamedNode(str(term))


def _term(term: Node | None) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """Any term of a count row as a pyoxigraph term, a literal keeping its datatype or language."""
    if not isinstance(term, Literal):
        return _node(term)
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD.string)))


def with_derived(store: ox.Store) -> ox.Store:
    """`store` with its derived graph written (for a graph loaded from files, as a build would hold it)."""
    derive(store)
    return store


def present(store: Store) -> bool:
    """Whether `store` holds a derived graph (a build's store or its published copy does)."""
    return store.ask(PRESENT)


def size(store: Store) -> int:
    """Triples in the derived graph of `store` (0 without one): what curated counts leave out."""
    table = store.select(SIZE)
    return integer(table.rows[0][0]) if table.rows else 0


__all__ = ["DERIVED", "DERIVED_GRAPH", "derive", "present", "size", "with_derived"]
