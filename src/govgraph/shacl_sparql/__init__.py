"""A SHACL engine that compiles shapes to SPARQL and runs them on the pyoxigraph store.

pyshacl walks an rdflib graph node by node; at a million triples that takes hours and
gigabytes. Here every constraint of a shape is one query over the store, evaluated in Rust.
Results are SHACL's (focus node, path, value, source shape, constraint component, severity,
message); the tests hold both engines to that on govgraph's shapes and on the W3C test suite.
Features outside the supported set raise `UnsupportedShapeError` instead of being skipped,
and `govgraph.validate` then hands the shapes to pySHACL.

    results = sparql_results(store, shapes_graph)
"""

from typing import cast

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, SH
from rdflib.term import Node

from ..errors import GovgraphError
from ..store import MemoryStore, Store, TrustedQuery
from ..validate import Finding, Result, Results, findings_of
from .compile import Closure, Compiler, ValueTest, merged_values, values_query
from .shapes import Reader, Shape, SparqlConstraint, UnsupportedShapeError, read_shapes

__all__ = [
    "sparql_findings",
    "sparql_results",
    "compile_plan",
    "batches",
    "UnsupportedShapeError",
    "read_shapes",
    "compile_queries",
]


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


#: What a check needs beyond its shape: the other path of a pair, the SPARQL constraint, or
#: the parts of a property shape's value check (which `sparql_results` runs with its siblings').
Extra = Node | SparqlConstraint | ValueTest | None


Check = tuple[str, Shape, Shape, Extra, str]


def compile_queries(shapes_graph: Graph, store: ox.Store | Store) -> list[Check]:
    """(kind, node shape, shape, extra, query) for every check, in a stable order; any refusal raises.

    The kind is "values", "counts", "qualified", "unique_lang" or "sparql", or the constraint
    component's IRI for the checks that give one result per row (sh:lessThan, sh:equals…).

    A query around a sh:select runs as the text the safety gate wrote from it
    (`govgraph.safety.bind`): its structure comes from the shapes, so what runs is what was
    checked. The other queries have govgraph's own structure; the shapes only give them terms,
    written by `compile` as clean ``<IRI>``s and escaped strings.
    """
    plan, refused = compile_plan(shapes_graph, store)
    if refused:
        raise UnsupportedShapeError(next(iter(refused.values())))
    return plan


def compile_plan(shapes_graph: Graph, store: ox.Store | Store) -> tuple[list[Check], dict[Node, str]]:
    """The checks of every shape the engine compiles, and the shapes it refuses, each with the reason.

    pySHACL validates the refused shapes; a shape one of them reaches (by sh:node, sh:property…)
    goes with it, since pySHACL must see it active and the engine must not report it twice.
    """
    compiler = Compiler(_closure(MemoryStore.of(store)), shapes_graph)
    reader = Reader(shapes_graph)
    checks: dict[Node, list[Check]] = {}
    refused: dict[Node, str] = {}
    for node in reader.candidates():
        try:
            checks[node] = [check for shape in reader.shape(node) for check in _checks(compiler, shape)]
        except UnsupportedShapeError as error:
            refused[node] = str(error)
    todo = list(refused)
    while todo:
        first = todo.pop()
        for reached in sorted(_reached(shapes_graph, first) & set(checks) - set(refused), key=str):
            refused[reached] = f"reached from {first.n3()}, which pySHACL validates"
            todo.append(reached)
    return [check for node, found in checks.items() if node not in refused for check in found], refused


def _reached(g: Graph, node: Node) -> set[Node]:
    """Every node the description of `node` leads to, through objects described in `g`."""
    seen: set[Node] = set()
    todo = [node]
    while todo:
        for value in g.objects(todo.pop(), None):
            if value not in seen and (value, None, None) in g:
                seen.add(value)
                todo.append(value)
    return seen


def _checks(compiler: Compiler, node: Shape) -> list[Check]:
    """The checks of one node shape (with its property shapes)."""
    plan: list[Check] = []
    if not node.targets:
        return plan  # an untargeted shape checks nothing itself (sh:node and the like inline it)
    for shape in [node, *node.properties]:
        test = compiler.value_test(node, shape)
        if test is not None:  # a node shape's own value is ?this itself: its query stays apart
            plan.append(("values", node, shape, test if shape.path is not None else None, values_query(test)))
        if shape.path is None:
            continue  # a node shape: the checks below need a path
        counts = compiler.counts(node, shape)
        if counts:
            plan.append(("counts", node, shape, None, counts))
        qualified = compiler.qualified(node, shape)
        if qualified:
            plan.append(("qualified", node, shape, None, qualified))
        for other in shape.less_than:
            plan.append((SH.LessThanConstraintComponent, node, shape, other, compiler.pairs(node, shape, other, "<")))
        for other in shape.less_or_equal:
            plan.append((SH.LessThanOrEqualsConstraintComponent, node, shape, other, compiler.pairs(node, shape, other, "<=")))
        if shape.unique_lang:
            plan.append(("unique_lang", node, shape, None, compiler.unique_lang(node, shape)))
    for shape in [node, *node.properties]:
        for kind, other in shape.set_constraints:
            plan.append((component_of(kind), node, shape, other, compiler.set_constraint(node, shape, kind, other)))
    if node.closed is not None:
        plan.append((SH.ClosedConstraintComponent, node, node, None, compiler.closed(node)))
    for shape in [node, *node.properties]:
        for constraint in shape.sparql:
            plan.append(("sparql", node, shape, constraint, compiler.sparql(node, shape, constraint)))
    return plan


def sparql_results(store: ox.Store | Store, shapes_graph: Graph, plan: list[Check] | None = None) -> Results:
    """Validate the union of the store's graphs against the shapes; one `Result` per SHACL result.

    `plan` (from `compile_plan`) runs instead of all the shapes' checks. The value checks of
    the property shapes of one node shape run as one query (`batches`), the others one each;
    results come in the plan's order.

    The compiled queries are written by the compiler (a sh:select's by the safety gate), so
    they run as trusted queries: no second parse per query.
    """
    store = MemoryStore.of(store)
    checks = plan if plan is not None else compile_queries(shapes_graph, store)
    found: list[list[Result]] = [[] for _ in checks]
    for query, members in batches(checks):
        table = store.select(TrustedQuery(query, "SELECT"), limit=MAX_ROWS)
        if table.truncated:
            raise GovgraphError(f"shape {checks[members[0]][2].node.n3()}: more than {MAX_ROWS:,} rows to check in one query")
        for row in table.dicts():
            number = members[int(str(row["_k"]))] if len(members) > 1 else members[0]
            found[number] += _results(checks[number], row)
    return Results([result for results in found for result in results], shapes_graph, "sparql")


def batches(plan: list[Check]) -> list[tuple[str, list[int]]]:
    """The queries to run, each with the plan positions of the checks it answers (rows say which by ?_k)."""
    merged: dict[str, list[int]] = {}
    single: list[tuple[str, list[int]]] = []
    for number, (kind, _node, _shape, extra, query) in enumerate(plan):
        if kind == "values" and isinstance(extra, ValueTest):
            merged.setdefault(extra.focus, []).append(number)
        else:
            single.append((query, [number]))
    for members in merged.values():
        tests = [cast(ValueTest, plan[number][3]) for number in members]
        single.append((merged_values(tests) if len(members) > 1 else plan[members[0]][4], members))
    return single


def _results(check: Check, row: dict[str, Node | None]) -> list[Result]:
    """The SHACL results one row of a check's query gives."""
    kind, _node, shape, extra, _query = check
    focus = row["this"]
    if focus is None:
        return []  # every compiled query binds ?this; a constraint's SELECT gets it added
    sparql = extra if isinstance(extra, SparqlConstraint) else None
    message = sparql.message if sparql is not None else shape.message
    constraint = sparql.node if sparql is not None and sparql.component == SH.SPARQLConstraintComponent else None
    found: list[Result] = []

    def add(component: URIRef, value: Node | None = None, path: Node | None = shape.path) -> None:
        found.append(Result(focus, shape.node, component, shape.severity, path, value, message, constraint))

    if kind == "values":
        for i, parameter in enumerate(shape.constraints):
            if row[f"ok{i}"] != TRUE:
                add(component_of(parameter.kind), row["value"])
    elif kind == "counts":
        count = int(str(row["n"]))
        if shape.min_count is not None and count < shape.min_count:
            add(SH.MinCountConstraintComponent)
        if shape.max_count is not None and count > shape.max_count:
            add(SH.MaxCountConstraintComponent)
    elif kind == "qualified" and shape.qualified is not None:
        count = int(str(row["n"]))
        if shape.qualified.min_count is not None and count < shape.qualified.min_count:
            add(SH.QualifiedMinCountConstraintComponent)
        if shape.qualified.max_count is not None and count > shape.qualified.max_count:
            add(SH.QualifiedMaxCountConstraintComponent)
    elif kind == SH.ClosedConstraintComponent:
        add(SH.ClosedConstraintComponent, row["value"], row["path"])
    elif isinstance(kind, URIRef):  # sh:lessThan, sh:equals, sh:hasValue…: the kind is the component
        add(URIRef(kind), row.get("value", focus if kind != SH.HasValueConstraintComponent else None))
    elif kind == "unique_lang":
        add(SH.UniqueLangConstraintComponent)
    else:
        found_path = row.get("path")
        add(
            sparql.component if sparql is not None else SH.SPARQLConstraintComponent,
            row.get("value") or focus,
            found_path if found_path is not None else shape.path,
        )
    return found


def sparql_findings(store: ox.Store | Store, shapes_graph: Graph) -> list[Finding]:
    """The SPARQL engine's results as findings (the benchmarks and the SERVICE gate tests use it)."""
    return findings_of(sparql_results(store, shapes_graph), shapes_graph)


def component_of(kind: URIRef) -> URIRef:
    """The SHACL constraint component of a parameter: sh:minLength gives sh:MinLengthConstraintComponent."""
    name = str(kind).removeprefix(str(SH))
    return SH[name[0].upper() + name[1:] + "ConstraintComponent"]
