"""A SHACL engine that compiles govgraph's shapes to SPARQL and runs them on the pyoxigraph store.

pyshacl walks an rdflib graph node by node; at a million triples that takes hours and
gigabytes. Here every constraint of a shape is one query over the store, evaluated in Rust.
Findings are the same as pyshacl's (focus node, shape, path, value, severity, message); the
test suite holds both engines to that on every shape rule. Features outside the supported
set raise `UnsupportedShapeError` instead of being skipped.

    findings = sparql_findings(store, shapes_graph)
"""

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, SH
from rdflib.term import Node

from .. import loading, safety
from ..errors import GovgraphError
from ..store import MemoryStore, Store, TrustedQuery
from ..validate import VIOLATION, WARNING, Finding, _shape_name
from .compile import Closure, Compiler
from .shapes import Shape, SparqlConstraint, UnsupportedShapeError, read_shapes

__all__ = ["sparql_findings", "UnsupportedShapeError", "read_shapes", "compile_queries"]


#: Every (subclass, class) pair of the data graph, asked once, not once per class.
SUBCLASSES = TrustedQuery.of(f"SELECT DISTINCT ?c ?super WHERE {{ ?c <{RDFS.subClassOf}>+ ?super }}")
#: How many rows one compiled query may return: every value of a path on a large graph.
MAX_ROWS = 100_000_000
TRUE = Literal(True)


def _closure(store: Store) -> Closure:
    """C and every subclass of C in the data graph (rdfs:subClassOf*), as SHACL instance checks need."""
    below: dict[str, set[str]] = {}
    for sub, sup in store.select(SUBCLASSES, limit=MAX_ROWS).rows:
        if isinstance(sub, URIRef) and isinstance(sup, URIRef):
            below.setdefault(str(sup), set()).add(str(sub))

    def closure(cls: Node) -> list[str]:
        return sorted(below.get(str(cls), set()) | {str(cls)})

    return closure


#: What a check needs beyond its shape: the other path of a pair, or the SPARQL constraint.
Extra = Node | SparqlConstraint | None


def compile_queries(shapes_graph: Graph, store: ox.Store | Store) -> list[tuple[str, Shape, Shape, Extra, str]]:
    """(kind, node shape, shape, extra, query) for every check, in a stable order.

    A query around a sh:select runs as the text the safety gate wrote from it
    (`govgraph.safety.bind`): its structure comes from the shapes, so what runs is what was
    checked. The other queries have govgraph's own structure; the shapes only give them terms,
    written by `compile` as clean ``<IRI>``s and escaped strings.
    """
    compiler = Compiler(_closure(MemoryStore.of(store)))
    plan: list[tuple[str, Shape, Shape, Extra, str]] = []
    for node in read_shapes(shapes_graph):
        if not node.targets:
            continue  # an untargeted shape checks nothing (sh:node, which could reach it, is refused)
        for shape in [node, *node.properties]:
            values = compiler.values(node, shape)
            if values:
                plan.append(("values", node, shape, None, values))
            if shape.path is None:
                continue
            counts = compiler.counts(node, shape)
            if counts:
                plan.append(("counts", node, shape, None, counts))
            for other in shape.less_than:
                plan.append(("pairs", node, shape, other, compiler.pairs(node, shape, other, "<")))
            for other in shape.less_or_equal:
                plan.append(("pairs", node, shape, other, compiler.pairs(node, shape, other, "<=")))
            if shape.unique_lang:
                plan.append(("unique_lang", node, shape, None, compiler.unique_lang(node, shape)))
        for constraint in node.sparql:
            plan.append(("sparql", node, node, constraint, compiler.sparql(node, constraint)))
    return [
        (kind, node, shape, extra, _gated(query, node) if kind == "sparql" else query) for kind, node, shape, extra, query in plan
    ]


def _gated(query: str, shape: Shape) -> str:
    """The safety gate's text of a query built around a shape's sh:select (its structure comes from the shapes)."""
    try:
        return safety.bind(query).text
    except GovgraphError as error:
        raise GovgraphError(f"shape {shape.node.n3()}: {error}") from None


def sparql_findings(store: ox.Store | Store, shapes_graph: Graph) -> list[Finding]:
    """Validate the union of the store's graphs against the shapes; one finding per SHACL result.

    The compiled queries are written by the compiler (a sh:select's by the safety gate), so
    they run as trusted queries: no second parse per query.
    """
    store = MemoryStore.of(store)
    names = loading.to_rdflib([])  # the same prefixes pyshacl's data graph has, for paths and values
    findings: list[Finding] = []
    for kind, _node, shape, extra, query in compile_queries(shapes_graph, store):
        severity = WARNING if shape.severity in (SH.Warning, SH.Info) else VIOLATION
        name = _shape_name(shapes_graph, shape.node)
        path = names.qname(shape.path) if shape.path is not None else None
        message = (extra.message if isinstance(extra, SparqlConstraint) else shape.message) or _default_message(
            kind, shape, extra
        )

        def add(focus: Node | None, value: Node | None = None, at: str | None = path) -> None:
            shown = None
            if value is not None and value != focus:
                shown = value.n3(names.namespace_manager)
            findings.append(Finding(focus=str(focus), shape=name, message=message, severity=severity, path=at, value=shown))  # noqa: B023 (called within this iteration)

        table = store.select(TrustedQuery(query, "SELECT"), limit=MAX_ROWS)
        if table.truncated:
            raise GovgraphError(f"shape {shape.node.n3()}: more than {MAX_ROWS:,} rows to check in one query")
        for row in table.dicts():
            focus = row["this"]
            if kind == "values":
                for i in range(len(shape.constraints)):
                    if row[f"ok{i}"] != TRUE:
                        add(focus, row["value"])
            elif kind == "counts":
                add(focus)
            elif kind == "pairs":
                add(focus, row["value"])
            elif kind == "unique_lang":
                add(focus)
            else:
                found = row.get("path")
                add(focus, row.get("value") or focus, names.qname(URIRef(str(found))) if found else None)
    return findings


def _default_message(kind: str, shape: Shape, extra: object) -> str:
    return f"{kind} constraint not met" + (f" on {shape.path}" if shape.path is not None else "")
