"""Compile shapes into SPARQL queries over the data store.

Each value-node constraint becomes one boolean expression that is true exactly when a value
conforms (every atom is wrapped in COALESCE(…, false), so that an error, such as comparing
a string with a number, counts as not conforming, as SHACL requires); a nested shape's
property shapes become EXISTS tests on the value node. A shape becomes a few queries: its
value constraints (one column per constraint, so that each failing constraint gives its own
result as pyshacl does), its cardinality, its qualified value shape, one per pair or set
constraint (sh:lessThan, sh:equals, sh:hasValue…), sh:uniqueLang, sh:closed and one per
SPARQL constraint. Subclass reasoning uses the rdfs:subClassOf closure of the data graph,
asked once.
"""

from collections.abc import Callable
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH, XSD
from rdflib.term import Node

from ..query_text import Writer, is_clean_iri
from .prebind import asked, prebound
from .property_paths import path_text
from .shapes import Constraint, PropertyTest, Shape, SparqlConstraint, UnsupportedShapeError

Closure = Callable[[Node], list[str]]


@dataclass(frozen=True)
class ValueTest:
    """The value check of one property shape, apart from its node shape's focus pattern.

    The property shapes of one node shape share that pattern, so `merged_values` asks for
    all their failing values in one query: the focus nodes are found once, not once a shape.
    """

    focus: str
    body: str  # binds ?value through the path, ?ok0… per constraint, keeps failing rows
    columns: int


def values_query(test: ValueTest) -> str:
    """Focus and value pairs breaking a value constraint of one shape, one ?okN column per constraint."""
    columns = " ".join(f"?ok{i}" for i in range(test.columns))
    return f"SELECT DISTINCT ?this ?value {columns} WHERE {{ {test.focus} {test.body} }}"


def merged_values(tests: list[ValueTest]) -> str:
    """One query for the value checks of property shapes with one focus pattern; ?_k numbers the check of each row.

    The join of the focus with a UNION of the bodies is the union of the separate queries'
    answers (each body binds ?this through its path, so no branch depends on the join order).
    """
    columns = " ".join(f"?ok{i}" for i in range(max(test.columns for test in tests)))
    branches = " UNION ".join(f"{{ {test.body} BIND({k} AS ?_k) }}" for k, test in enumerate(tests))
    return f"SELECT DISTINCT ?_k ?this ?value {columns} WHERE {{ {tests[0].focus} {branches} }}"


#: Datatypes whose lexical form we can check with a SPARQL cast; others are refused.
CASTS = {
    XSD.integer,
    XSD.decimal,
    XSD.double,
    XSD.float,
    XSD.boolean,
    XSD.date,
    XSD.dateTime,
    XSD.gYear,
    XSD.gYearMonth,
    XSD.time,
}
UNCHECKED = {XSD.string, RDF.langString, XSD.anyURI}
NODE_KINDS: dict[Node, str] = {
    SH.IRI: "isIRI({v})",
    SH.BlankNode: "isBlank({v})",
    SH.Literal: "isLiteral({v})",
    SH.BlankNodeOrIRI: "!isLiteral({v})",
    SH.BlankNodeOrLiteral: "!isIRI({v})",
    SH.IRIOrLiteral: "!isBlank({v})",
}
#: Nested sh:minCount / sh:maxCount are tested with that many distinct variables: keep it small.
MAX_DISTINCT = 5
COMPARISONS = {SH.minInclusive: ">=", SH.maxInclusive: "<=", SH.minExclusive: ">", SH.maxExclusive: "<"}


def iri(node: object) -> str:
    """An IRI from the shapes or the data written between < >; one that could end early is refused."""
    if not is_clean_iri(str(node)):
        raise UnsupportedShapeError(f"not a clean IRI in the shapes: {str(node)!r}")
    return f"<{node}>"


def string(text: str) -> str:
    """A SPARQL string literal, escaped as the safety gate writes them."""
    return Writer.string(text)


def term(node: Node) -> str:
    """A shapes-graph term written in SPARQL."""
    if isinstance(node, URIRef):
        return iri(node)
    if isinstance(node, Literal):
        if node.language:
            return f"{string(str(node))}@{Writer.language(node.language)}"
        return f"{string(str(node))}^^{iri(node.datatype or XSD.string)}"
    raise UnsupportedShapeError(f"blank node {node} used as a constraint value is not supported by the SPARQL validation engine")


class Compiler:
    """Turns shapes into query text; `closure(C)` gives C and its subclasses as IRIs."""

    def __init__(self, closure: Closure, shapes: Graph):
        self.closure = closure
        self.shapes = shapes
        self.counter = 0

    def _fresh(self) -> str:
        self.counter += 1
        return f"?_v{self.counter}"

    def ok(self, c: Constraint, v: str) -> str:
        """A boolean that is true when value `v` meets constraint `c`."""
        kind, value = c.kind, c.value
        if kind == SH["class"]:
            t = self._fresh()
            classes = " ".join(iri(member) for member in self.closure(value))
            atom = f"EXISTS {{ {v} {iri(RDF.type)} {t} . VALUES {t} {{ {classes} }} }}"
        elif kind == SH.datatype:
            if value not in CASTS | UNCHECKED:
                raise UnsupportedShapeError(f"sh:datatype {value.n3()} is not supported by the SPARQL validation engine")
            atom = f"isLiteral({v}) && datatype({v}) = {iri(value)}"
            if value in CASTS:
                atom += f" && isLiteral({iri(value)}(STR({v})))"
        elif kind == SH.nodeKind:
            if value not in NODE_KINDS:
                raise UnsupportedShapeError(f"sh:nodeKind {value} is not a SHACL node kind")
            atom = NODE_KINDS[value].format(v=v)
        elif kind == SH.pattern:
            flags = f", {string(c.flags)}" if c.flags else ""
            atom = f"!isBlank({v}) && REGEX(STR({v}), {string(str(value))}{flags})"
        elif kind in (SH.minLength, SH.maxLength):
            op = ">=" if kind == SH.minLength else "<="
            atom = f"!isBlank({v}) && STRLEN(STR({v})) {op} {int(str(value))}"
        elif kind == SH.languageIn:
            tags = " || ".join(f"langMatches(LANG({v}), {string(str(tag))})" for tag in c.members) or "false"
            atom = f"isLiteral({v}) && ({tags})"
        elif kind == SH["in"]:
            atom = " || ".join(f"sameTerm({v}, {term(item)})" for item in c.members) or "false"
        elif kind in COMPARISONS:
            atom = f"{v} {COMPARISONS[kind]} {term(value)}"
        elif kind == SH.hasValue:
            atom = f"sameTerm({v}, {term(value)})"
        elif kind == SH["not"]:
            return f"!({self.conforms(c.members[0], v)})"
        elif kind in (SH["and"], SH.node):
            return "(" + (" && ".join(self.conforms(member, v) for member in c.members) or "true") + ")"
        elif kind == SH["or"]:
            return "(" + (" || ".join(self.conforms(member, v) for member in c.members) or "false") + ")"
        elif kind == SH.property:
            return self.property_test(c.members[0], v)
        elif kind == SH.xone:
            ones = " + ".join(f"IF({self.conforms(member, v)}, 1, 0)" for member in c.members) or "0"
            return f"({ones} = 1)"
        else:  # shapes.read_shapes refuses anything else first; this guards against drift
            raise UnsupportedShapeError(f"{kind.n3()} is not supported by the SPARQL validation engine")
        return f"COALESCE({atom}, false)"

    def property_test(self, test: PropertyTest, v: str) -> str:
        """True when `v`, as a focus node, meets a nested property shape: EXISTS tests over its values."""
        path = path_text(self.shapes, test.path, iri)
        parts = []
        if test.constraints:
            x = self._fresh()
            parts.append(f"NOT EXISTS {{ {v} {path} {x} . FILTER(!{self.conforms(test.constraints, x)}) }}")
        parts += [f"EXISTS {{ {v} {path} {term(value)} }}" for value in test.has_values]
        if test.min_count:
            parts.append(self._at_least(v, path, test.min_count))
        if test.max_count is not None:
            parts.append("!" + self._at_least(v, path, test.max_count + 1))
        return "(" + (" && ".join(parts) or "true") + ")"

    def _at_least(self, v: str, path: str, n: int) -> str:
        """EXISTS n distinct values of `path` on `v` (n variables pairwise distinct: only for small n)."""
        if n > MAX_DISTINCT:
            raise UnsupportedShapeError(
                f"a nested cardinality above {MAX_DISTINCT - 1} is not supported by the SPARQL validation engine"
            )
        xs = [self._fresh() for _ in range(n)]
        distinct = " && ".join(f"!sameTerm({a}, {b})" for i, a in enumerate(xs) for b in xs[i + 1 :]) or "true"
        return f"EXISTS {{ {v} {path} {', '.join(xs)} . FILTER({distinct}) }}"

    def conforms(self, constraints: list[Constraint], v: str) -> str:
        """True when `v` meets every constraint of a nested shape."""
        return "(" + (" && ".join(self.ok(c, v) for c in constraints) or "true") + ")"

    def focus(self, shape: Shape) -> str:
        """A group pattern binding ?this to each focus node of a node shape, once."""
        parts = []
        for kind, values in shape.targets.items():
            for value in values:
                if kind == SH.targetClass:
                    classes = " ".join(iri(member) for member in self.closure(value))
                    parts.append(f"{{ VALUES ?_tc {{ {classes} }} ?this {iri(RDF.type)} ?_tc }}")
                elif kind == SH.targetSubjectsOf:
                    parts.append(f"{{ ?this {iri(value)} ?_o }}")
                elif kind == SH.targetObjectsOf:
                    parts.append(f"{{ ?_s {iri(value)} ?this }}")
                else:
                    parts.append(f"{{ VALUES ?this {{ {term(value)} }} }}")
        return "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join(parts) + " } }" if parts else ""

    def path(self, shape: Shape) -> str:
        """The shape's sh:path as a SPARQL property path."""
        if shape.path is None:
            raise UnsupportedShapeError(f"shape {shape.node.n3()} has no sh:path")
        return path_text(self.shapes, shape.path, iri)

    def value_pattern(self, shape: Shape, value: str = "?value") -> str:
        """Binds `value` to each value node of the focus node ?this: the path's values, or ?this itself."""
        return f"?this {self.path(shape)} {value} ." if shape.path is not None else f"BIND(?this AS {value})"

    def value_test(self, node: Shape, shape: Shape) -> ValueTest | None:
        """The value check of a shape: the focus pattern, and the body that finds failing values (`values_query`)."""
        if not shape.constraints:
            return None
        value = "?value"
        pattern = self.value_pattern(shape)
        binds = " ".join(f"BIND({self.ok(c, value)} AS ?ok{i})" for i, c in enumerate(shape.constraints))
        failing = " || ".join(f"!?ok{i}" for i in range(len(shape.constraints)))
        return ValueTest(self.focus(node), f"{pattern} {binds} FILTER({failing})", len(shape.constraints))

    def counts(self, node: Shape, shape: Shape) -> str | None:
        """Focus nodes whose number of values is outside sh:minCount..sh:maxCount."""
        tests = []
        if shape.min_count is not None and shape.min_count > 0:
            tests.append(f"?n < {shape.min_count}")
        if shape.max_count is not None:
            tests.append(f"?n > {shape.max_count}")
        if not tests:
            return None
        return (
            f"SELECT ?this ?n WHERE {{ {{ SELECT ?this (COUNT(DISTINCT ?value) AS ?n) WHERE {{ {self.focus(node)} "
            f"OPTIONAL {{ {self.value_pattern(shape)} }} }} GROUP BY ?this }} FILTER({' || '.join(tests)}) }}"
        )

    def qualified(self, node: Shape, shape: Shape) -> str | None:
        """Focus nodes with too few or too many values conforming to the qualified value shape (?n of them)."""
        q = shape.qualified
        if q is None or (q.min_count is None and q.max_count is None):
            return None
        ok = " && ".join([self.conforms(q.shape, "?value")] + [f"!{self.conforms(s, '?value')}" for s in q.siblings])
        return (
            f"SELECT ?this ?n WHERE {{ {{ SELECT ?this (SUM(IF(COALESCE(?ok, false), 1, 0)) AS ?n) WHERE {{ {self.focus(node)} "
            f"OPTIONAL {{ {self.value_pattern(shape)} BIND({ok} AS ?ok) }} }} GROUP BY ?this }} }}"
        )

    def pairs(self, node: Shape, shape: Shape, other: Node, op: str) -> str:
        """Values not `op` (< or <=) some value of `other` on the same focus node, one row per pair."""
        return (
            f"SELECT DISTINCT ?this ?value ?other WHERE {{ {self.focus(node)} {self.value_pattern(shape)} "
            f"?this {iri(other)} ?other . FILTER(!COALESCE(?value {op} ?other, false)) }}"
        )

    def unique_lang(self, node: Shape, shape: Shape) -> str:
        """One row per focus node and language tag used by two values or more."""
        return (
            f"SELECT DISTINCT ?this ?lang WHERE {{ {self.focus(node)} ?this {self.path(shape)} ?a , ?b . "
            f'FILTER(!sameTerm(?a, ?b) && LANG(?a) != "" && LCASE(LANG(?a)) = LCASE(LANG(?b))) '
            f"BIND(LCASE(LANG(?a)) AS ?lang) }}"
        )

    def set_constraint(self, node: Shape, shape: Shape, kind: URIRef, other: Node) -> str:
        """Focus nodes (and values) breaking sh:hasValue, sh:equals or sh:disjoint.

        A node shape's only value node is the focus node itself. Each UNION branch has the
        focus pattern of its own: a branch is evaluated before it is joined with anything.
        """
        focus = self.focus(node)
        if kind == SH.hasValue:
            if shape.path is None:
                return f"SELECT DISTINCT ?this WHERE {{ {focus} FILTER(!sameTerm(?this, {term(other)})) }}"
            return f"SELECT DISTINCT ?this WHERE {{ {focus} FILTER NOT EXISTS {{ ?this {self.path(shape)} {term(other)} }} }}"
        theirs = f"?this {iri(other)} ?value ."
        if shape.path is None:
            mine_only = f"FILTER NOT EXISTS {{ ?this {iri(other)} ?this }} BIND(?this AS ?value)"
            theirs_only, both = f"{theirs} FILTER(!sameTerm(?value, ?this))", f"?this {iri(other)} ?this . BIND(?this AS ?value)"
        else:
            mine = f"?this {self.path(shape)} ?value ."
            mine_only, theirs_only = f"{mine} FILTER NOT EXISTS {{ {theirs} }}", f"{theirs} FILTER NOT EXISTS {{ {mine} }}"
            both = f"{mine} {theirs}"
        if kind == SH.disjoint:
            return f"SELECT DISTINCT ?this ?value WHERE {{ {focus} {both} }}"
        if kind != SH.equals:
            raise UnsupportedShapeError(f"{kind.n3()} is not supported by the SPARQL validation engine")
        return f"SELECT DISTINCT ?this ?value WHERE {{ {{ {focus} {mine_only} }} UNION {{ {focus} {theirs_only} }} }}"

    def closed(self, node: Shape) -> str:
        """Each value of a predicate a closed shape does not allow."""
        allowed = ", ".join(iri(p) for p in node.closed or [])
        test = f"FILTER(?path NOT IN ({allowed}))" if allowed else ""
        return f"SELECT DISTINCT ?this ?path ?value WHERE {{ {self.focus(node)} ?this ?path ?value . {test} }}"

    def sparql(self, node: Shape, shape: Shape, constraint: SparqlConstraint) -> str:
        """The constraint's SELECT with $this pre-bound to each focus node (`prebind`), as checked text."""
        where = f"the sh:select of {constraint.node.n3() if isinstance(constraint.node, URIRef) else 'shape ' + node.node.n3()}"
        if constraint.ask:
            return asked(
                constraint.select, constraint.prefixes, self.focus(node), self.value_pattern(shape), where, constraint.bindings
            )
        path = self.path(shape) if shape.path is not None else None
        return prebound(constraint.select, constraint.prefixes, self.focus(node), where, path, constraint.bindings)
