"""Read the SHACL shapes govgraph uses into plain objects, refusing every feature we do not compile.

Refusing matters more than supporting: a feature read and then ignored would let the
SPARQL engine report "conforms" where pyshacl would not. So every predicate in the sh:
namespace on a shape must be one this module knows, or `UnsupportedShapeError` is raised.
"""

from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH
from rdflib.term import Node

from ..errors import GovgraphError
from ..safety import is_clean_iri

#: Constraints tested on one value node at a time (compiled to one SPARQL boolean each).
VALUE_CONSTRAINTS = {
    SH["class"],
    SH.datatype,
    SH.nodeKind,
    SH.pattern,
    SH.minLength,
    SH.maxLength,
    SH.languageIn,
    SH["in"],
    SH["not"],
    SH["or"],
    SH.minInclusive,
    SH.maxInclusive,
    SH.minExclusive,
    SH.maxExclusive,
}
TARGETS = {SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode}
#: Everything else a shape may say; sh:flags is read with sh:pattern.
DESCRIPTIVE = {SH.message, SH.severity, SH.deactivated, SH.name, SH.description, SH.order, SH.group, SH.flags}
NODE_ONLY = TARGETS | {SH.property, SH.sparql}
PROPERTY_ONLY = {SH.path, SH.minCount, SH.maxCount, SH.lessThan, SH.lessThanOrEquals, SH.uniqueLang}
SPARQL_KEYS = {SH.select, SH.message, SH.prefixes, SH.severity, SH.deactivated}


class UnsupportedShapeError(GovgraphError):
    """The shapes use a SHACL feature the SPARQL engine does not compile; use --engine pyshacl."""


@dataclass
class Constraint:
    """One value-node constraint: its parameter, and nested shapes for sh:not / sh:or."""

    kind: URIRef
    value: Node
    members: list = field(default_factory=list)  # list[list[Constraint]]: one conjunction per nested shape
    flags: str | None = None


@dataclass
class SparqlConstraint:
    node: Node
    select: str
    prefixes: dict[str, str]
    message: str | None


@dataclass
class Shape:
    """A node shape (path is None) or a property shape (owner is the node shape holding it)."""

    node: Node
    severity: URIRef = SH.Violation
    message: str | None = None
    path: URIRef | None = None
    targets: dict[URIRef, list[Node]] = field(default_factory=dict)
    constraints: list[Constraint] = field(default_factory=list)
    min_count: int | None = None
    max_count: int | None = None
    less_than: list[Node] = field(default_factory=list)
    less_or_equal: list[Node] = field(default_factory=list)
    unique_lang: bool = False
    properties: list["Shape"] = field(default_factory=list)
    sparql: list[SparqlConstraint] = field(default_factory=list)


def _name(node: Node) -> str:
    return node.n3() if isinstance(node, URIRef) else f"a blank shape ({node})"


def _refuse(shape: Node, feature: Node, why: str = "is not supported") -> UnsupportedShapeError:
    return UnsupportedShapeError(
        f"shape {_name(shape)}: {feature.n3() if isinstance(feature, URIRef) else feature} {why} by the SPARQL "
        "validation engine; use --engine pyshacl"
    )


def _check_keys(g: Graph, node: Node, allowed: set) -> None:
    for predicate in set(g.predicates(node, None)):
        if str(predicate).startswith(str(SH)) and predicate not in allowed:
            raise _refuse(node, predicate)


def _one(g: Graph, node: Node, predicate: URIRef) -> Node | None:
    values = list(g.objects(node, predicate))
    if len(values) > 1:
        raise _refuse(node, predicate, "given more than once")
    return values[0] if values else None


def _message(g: Graph, node: Node) -> str | None:
    # pyshacl copies every sh:message; govgraph gives one (in English) per shape.
    messages = sorted(g.objects(node, SH.message), key=lambda m: (getattr(m, "language", None) != "en", str(m)))
    return str(messages[0]) if messages else None


def _list(g: Graph, node: Node, head: Node, predicate: URIRef) -> list[Node]:
    if not isinstance(head, BNode) and head != RDF.nil:
        raise _refuse(node, predicate, "needs an RDF list")
    return list(Collection(g, head))


def _value_constraints(g: Graph, node: Node) -> list[Constraint]:
    found = []
    for kind in sorted(VALUE_CONSTRAINTS):
        for value in g.objects(node, kind):
            constraint = Constraint(kind, value)
            if kind == SH.pattern:
                flags = _one(g, node, SH.flags)
                constraint.flags = str(flags) if flags is not None else None
            elif kind == SH["not"]:
                constraint.members = [_nested(g, value)]
            elif kind in (SH["or"], SH["in"], SH.languageIn):
                items = _list(g, node, value, kind)
                constraint.members = [_nested(g, item) for item in items] if kind == SH["or"] else items
            found.append(constraint)
    return found


def _nested(g: Graph, node: Node) -> list[Constraint]:
    """A shape inside sh:not / sh:or: only value-node constraints, tested on the value itself."""
    _check_keys(g, node, VALUE_CONSTRAINTS | {SH.message, SH.name, SH.description})
    return _value_constraints(g, node)


def _common(g: Graph, node: Node, shape: Shape) -> bool:
    """Fill what node and property shapes share; False when the shape is deactivated."""
    deactivated = _one(g, node, SH.deactivated)
    if isinstance(deactivated, Literal) and deactivated.toPython() is True:
        return False
    severity = _one(g, node, SH.severity)
    if severity is None:
        shape.severity = SH.Violation
    elif isinstance(severity, URIRef) and severity in (SH.Violation, SH.Warning, SH.Info):
        shape.severity = severity
    else:
        raise _refuse(node, severity, "is not a severity known")
    shape.message = _message(g, node)
    shape.constraints = _value_constraints(g, node)
    return True


def _property(g: Graph, node: Node) -> Shape | None:
    _check_keys(g, node, VALUE_CONSTRAINTS | PROPERTY_ONLY | DESCRIPTIVE | {RDF.type})
    path = _one(g, node, SH.path)
    if not isinstance(path, URIRef):
        raise _refuse(node, SH.path, "with a non-IRI (complex) path is not supported")
    shape = Shape(node, path=path)
    if not _common(g, node, shape):
        return None
    for key, attr in ((SH.minCount, "min_count"), (SH.maxCount, "max_count")):
        value = _one(g, node, key)
        if value is not None:
            setattr(shape, attr, int(str(value)))
    shape.less_than = list(g.objects(node, SH.lessThan))
    shape.less_or_equal = list(g.objects(node, SH.lessThanOrEquals))
    unique = _one(g, node, SH.uniqueLang)
    shape.unique_lang = isinstance(unique, Literal) and unique.toPython() is True
    return shape


def _sparql(g: Graph, shape: Node, node: Node) -> SparqlConstraint | None:
    _check_keys(g, node, SPARQL_KEYS)
    deactivated = _one(g, node, SH.deactivated)
    if isinstance(deactivated, Literal) and deactivated.toPython() is True:
        return None
    select = _one(g, node, SH.select)
    if select is None:
        raise _refuse(shape, SH.sparql, "without sh:select (e.g. sh:ask) is not supported")
    prefixes = {}
    for declarer in g.objects(node, SH.prefixes):
        for declaration in g.objects(declarer, SH.declare):
            namespace = str(g.value(declaration, SH.namespace))
            if not is_clean_iri(namespace):
                raise GovgraphError(f"shape {_name(shape)}: sh:namespace {namespace!r} is not a clean IRI")
            prefixes[str(g.value(declaration, SH.prefix))] = namespace
    return SparqlConstraint(node, str(select), prefixes, _message(g, node))


def read_shapes(g: Graph) -> list[Shape]:
    """Every active node shape of the shapes graph, with its property shapes and SPARQL constraints."""
    candidates = set(g.subjects(RDF.type, SH.NodeShape))
    for key in TARGETS | {SH.property, SH.sparql}:
        candidates.update(g.subjects(key, None))
    if set(g.subjects(RDF.type, SH.PropertyShape)) - set(g.objects(None, SH.property)):
        raise _refuse(next(iter(g.subjects(RDF.type, SH.PropertyShape))), SH.PropertyShape, "outside sh:property")
    shapes = []
    for node in sorted(candidates, key=str):
        if (node, RDF.type, RDFS.Class) in g or (node, RDF.type, OWL.Class) in g:
            raise _refuse(node, RDFS.Class, "(implicit class targets)")
        _check_keys(g, node, VALUE_CONSTRAINTS | NODE_ONLY | DESCRIPTIVE)
        shape = Shape(node)
        if not _common(g, node, shape):
            continue
        for key in TARGETS:
            values = sorted(g.objects(node, key), key=str)
            if values:
                shape.targets[key] = values
        shape.properties = [p for p in (_property(g, n) for n in g.objects(node, SH.property)) if p is not None]
        shape.sparql = [c for c in (_sparql(g, node, n) for n in g.objects(node, SH.sparql)) if c is not None]
        shapes.append(shape)
    return shapes
