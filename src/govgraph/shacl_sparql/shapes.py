"""Read SHACL shapes into plain objects, refusing every feature we do not compile.

Refusing matters more than supporting: a feature read and then ignored would let the
SPARQL engine report "conforms" where the shapes say otherwise. So every predicate in the
sh: namespace on a shape must be one this module knows, and a shape using a parameter of a
declared sh:ConstraintComponent (a custom, SPARQL-based component) is refused too; a
refusal raises `UnsupportedShapeError`, and `govgraph.validate` hands the shapes to pySHACL.
"""

from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD
from rdflib.term import Node

from ..errors import GovgraphError
from ..safety import is_clean_iri
from .property_paths import BadPath, path_text

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
    SH["and"],
    SH["or"],
    SH.xone,
    SH.node,
    SH.minInclusive,
    SH.maxInclusive,
    SH.minExclusive,
    SH.maxExclusive,
}
#: Constraints on all the values of a focus node together (one query each).
SET_CONSTRAINTS = {SH.hasValue, SH.equals, SH.disjoint}
TARGETS = {SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode}
#: Everything else a shape may say; sh:flags is read with sh:pattern.
DESCRIPTIVE = {SH.message, SH.severity, SH.deactivated, SH.name, SH.description, SH.order, SH.group, SH.flags, SH.defaultValue}
QUALIFIED = {SH.qualifiedValueShape, SH.qualifiedMinCount, SH.qualifiedMaxCount, SH.qualifiedValueShapesDisjoint}
#: sh:qualifiedMinCount… without sh:qualifiedValueShape (which only a property shape may have) do nothing.
NODE_ONLY = TARGETS | {SH.property, SH.sparql, SH.closed, SH.ignoredProperties} | QUALIFIED - {SH.qualifiedValueShape}
PROPERTY_ONLY = {SH.path, SH.minCount, SH.maxCount, SH.lessThan, SH.lessThanOrEquals, SH.uniqueLang, SH.sparql} | QUALIFIED
#: What a property shape inside a nested shape may say (compiled to EXISTS tests on the value node).
NESTED_PROPERTY = VALUE_CONSTRAINTS | {SH.path, SH.minCount, SH.maxCount, SH.hasValue} | DESCRIPTIVE
SPARQL_KEYS = {SH.select, SH.message, SH.prefixes, SH.severity, SH.deactivated}
#: How deep sh:node, sh:not, sh:and, sh:or and sh:xone may nest (a cycle is refused).
MAX_NESTING = 16


class UnsupportedShapeError(GovgraphError):
    """The shapes use a SHACL feature the SPARQL engine does not compile; pySHACL validates them instead."""


@dataclass
class Constraint:
    """One value-node constraint: its parameter, and nested shapes for the logical ones and sh:node."""

    kind: URIRef
    value: Node
    members: list = field(default_factory=list)  # list[list[Constraint]]: one conjunction per nested shape
    flags: str | None = None


@dataclass
class PropertyTest:
    """A property shape inside sh:node, sh:not, sh:and, sh:or or sh:xone: checked on the value node as its focus."""

    path: Node
    constraints: list[Constraint]
    has_values: list[Node]
    min_count: int | None
    max_count: int | None


@dataclass
class Qualified:
    """sh:qualifiedValueShape: how many values conform to `shape` (and, when disjoint, to no sibling's)."""

    shape: list[Constraint]
    siblings: list[list[Constraint]]
    min_count: int | None
    max_count: int | None


@dataclass
class SparqlConstraint:
    """An sh:sparql constraint, or a validator of a custom component with its parameters' values."""

    node: Node
    select: str  # the SELECT text, or the ASK text of an ASK validator
    prefixes: dict[str, str]
    message: Literal | None
    component: URIRef = SH.SPARQLConstraintComponent
    bindings: dict[str, Node] = field(default_factory=dict)  # parameter name (the sh:path's local name) → value
    ask: bool = False  # an ASK validator: a result for each value node it answers false for


@dataclass
class Shape:
    """A node shape (path is None) or a property shape (path is an IRI or a complex path node)."""

    node: Node
    severity: URIRef = SH.Violation
    message: Literal | None = None
    path: Node | None = None
    targets: dict[URIRef, list[Node]] = field(default_factory=dict)
    constraints: list[Constraint] = field(default_factory=list)
    set_constraints: list[tuple[URIRef, Node]] = field(default_factory=list)
    min_count: int | None = None
    max_count: int | None = None
    less_than: list[Node] = field(default_factory=list)
    less_or_equal: list[Node] = field(default_factory=list)
    unique_lang: bool = False
    qualified: "Qualified | None" = None
    closed: list[Node] | None = None  # the allowed predicates of a closed node shape
    properties: list["Shape"] = field(default_factory=list)
    sparql: list[SparqlConstraint] = field(default_factory=list)


def is_true(node: Node | None) -> bool:
    """SHACL's flags (sh:closed, sh:deactivated, sh:uniqueLang) count only when exactly the literal true."""
    return isinstance(node, Literal) and node.datatype == XSD.boolean and str(node) == "true"


def _local_name(iri: Node) -> str:
    """The name SHACL gives a parameter's variable: the local name of its sh:path."""
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _name(node: Node) -> str:
    return node.n3() if isinstance(node, URIRef) else f"a blank shape ({node})"


def _refuse(shape: Node, feature: Node, why: str = "is not supported") -> UnsupportedShapeError:
    return UnsupportedShapeError(
        f"shape {_name(shape)}: {feature.n3() if isinstance(feature, URIRef) else feature} {why} by the SPARQL validation engine"
    )


class Reader:
    """Reads one shapes graph; knows the parameters of its custom constraint components."""

    def __init__(self, g: Graph):
        self.g = g
        # Every sh:parameter of any node: a component may be typed with a subclass of sh:ConstraintComponent.
        self.custom = {path for parameter in g.objects(None, SH.parameter) for path in g.objects(parameter, SH.path)}

    def check_keys(self, node: Node, allowed: set, custom: bool = False) -> None:
        """Refuse an sh: predicate not `allowed`, and a custom component's parameter unless `custom`."""
        for predicate in set(self.g.predicates(node, None)):
            if str(predicate).startswith(str(SH)) and predicate not in allowed:
                raise _refuse(node, predicate)
            if predicate in self.custom and not custom:
                raise _refuse(node, predicate, "(a parameter of a custom constraint component) is not supported")

    def components(self, node: Node, validator_key: URIRef) -> list[SparqlConstraint]:
        """The custom components `node` activates (every required parameter given), each with its validator."""
        found = []
        for component in sorted(set(self.g.subjects(SH.parameter, None)), key=str):
            parameters = [
                (p, self.one(p, SH.path), is_true(self.one(p, SH.optional))) for p in self.g.objects(component, SH.parameter)
            ]
            given = {path: list(self.g.objects(node, path)) for _, path, _ in parameters if path is not None}
            if not any(given.values()) or any(
                not given[path] for _, path, optional in parameters if path is not None and not optional
            ):
                continue
            if any(len(values) > 1 for values in given.values()) or not isinstance(component, URIRef):
                raise _refuse(node, component, "(a parameter given twice, or a blank component) is not supported")
            validator = self.one(component, validator_key) or self.one(component, SH.validator)
            text = self.one(validator, SH.select) if validator is not None else None
            ask = self.one(validator, SH.ask) if validator is not None else None
            if validator is None or (text is None) == (ask is None):
                raise _refuse(node, component, "(no validator with one sh:select or sh:ask) is not supported")
            bindings = {_local_name(path): values[0] for path, values in given.items() if values}
            message = self.message(validator) or self.message(component)
            found.append(
                SparqlConstraint(
                    validator, str(text or ask), self.prefixes(node, validator), message, component, bindings, ask is not None
                )
            )
        return found

    def one(self, node: Node, predicate: URIRef) -> Node | None:
        values = list(self.g.objects(node, predicate))
        if len(values) > 1:
            raise _refuse(node, predicate, "given more than once")
        return values[0] if values else None

    def message(self, node: Node) -> Literal | None:
        # pyshacl copies every sh:message; govgraph gives one (in English when there is one) per shape.
        messages = sorted(self.g.objects(node, SH.message), key=lambda m: (getattr(m, "language", None) != "en", str(m)))
        return messages[0] if messages and isinstance(messages[0], Literal) else None

    def items(self, node: Node, head: Node, predicate: URIRef) -> list[Node]:
        if not isinstance(head, BNode) and head != RDF.nil:
            raise _refuse(node, predicate, "needs an RDF list")
        return list(Collection(self.g, head))

    def deactivated(self, node: Node) -> bool:
        return is_true(self.one(node, SH.deactivated))

    def value_constraints(self, node: Node, depth: int = 0) -> list[Constraint]:
        found = []
        for kind in sorted(VALUE_CONSTRAINTS):
            for value in self.g.objects(node, kind):
                constraint = Constraint(kind, value)
                if kind == SH.pattern:
                    flags = self.one(node, SH.flags)
                    constraint.flags = str(flags) if flags is not None else None
                elif kind in (SH["not"], SH.node):
                    constraint.members = [self.nested(value, depth + 1)]
                elif kind in (SH["and"], SH["or"], SH.xone):
                    constraint.members = [self.nested(item, depth + 1) for item in self.items(node, value, kind)]
                elif kind in (SH["in"], SH.languageIn):
                    constraint.members = self.items(node, value, kind)
                found.append(constraint)
        return found

    def nested(self, node: Node, depth: int) -> list[Constraint]:
        """A shape inside sh:not, sh:and, sh:or, sh:xone or sh:node: value constraints on the value itself."""
        if depth > MAX_NESTING:
            raise _refuse(node, SH.node, "nested too deeply (or in a cycle)")
        if self.deactivated(node):
            return []
        if (node, SH.path, None) in self.g:  # a property shape in sh:and, sh:or…: the value is its focus node
            self.check_keys(node, NESTED_PROPERTY | TARGETS | {RDF.type})
            return [self.property_test(node, depth)]
        self.check_keys(node, VALUE_CONSTRAINTS | TARGETS | {SH.hasValue, SH.property, RDF.type} | DESCRIPTIVE)
        found = self.value_constraints(node, depth)
        found += [Constraint(SH.hasValue, value) for value in self.g.objects(node, SH.hasValue)]
        for prop in self.g.objects(node, SH.property):
            self.check_keys(prop, NESTED_PROPERTY | {RDF.type})
            if not self.deactivated(prop):
                found.append(self.property_test(prop, depth))
        return found

    def property_test(self, node: Node, depth: int) -> Constraint:
        """A property shape inside a nested shape, as one constraint on the value node (its focus node)."""
        path = self.one(node, SH.path)
        if path is None:
            raise _refuse(node, SH.path, "missing")
        counts = [self.one(node, key) for key in (SH.minCount, SH.maxCount)]
        test = PropertyTest(
            path,
            self.value_constraints(node, depth),
            list(self.g.objects(node, SH.hasValue)),
            *(int(str(count)) if count is not None else None for count in counts),
        )
        return Constraint(SH.property, path, [test])

    def common(self, node: Node, shape: Shape) -> bool:
        """Fill what node and property shapes share; False when the shape is deactivated."""
        if self.deactivated(node):
            return False
        severity = self.one(node, SH.severity)
        if severity is None:
            shape.severity = SH.Violation
        elif isinstance(severity, URIRef):  # SHACL allows any IRI; the report counts unknown ones as violations
            shape.severity = severity
        else:
            raise _refuse(node, severity, "is not a severity known")
        shape.message = self.message(node)
        shape.constraints = self.value_constraints(node)
        shape.set_constraints = [(kind, value) for kind in sorted(SET_CONSTRAINTS) for value in self.g.objects(node, kind)]
        return True

    def property(self, node: Node, targeted: bool = False) -> Shape | None:
        self.check_keys(
            node,
            VALUE_CONSTRAINTS | SET_CONSTRAINTS | PROPERTY_ONLY | DESCRIPTIVE | (TARGETS if targeted else set()),
            custom=True,
        )
        path = self.one(node, SH.path)
        if path is None:
            raise _refuse(node, SH.path, "missing")
        try:
            path_text(self.g, path, str)
        except BadPath as error:
            raise GovgraphError(f"shape {_name(node)}: {error}") from None
        shape = Shape(node, path=path)
        if not self.common(node, shape):
            return None
        for key, attr in ((SH.minCount, "min_count"), (SH.maxCount, "max_count")):
            value = self.one(node, key)
            if value is not None:
                setattr(shape, attr, int(str(value)))
        shape.less_than = list(self.g.objects(node, SH.lessThan))
        shape.less_or_equal = list(self.g.objects(node, SH.lessThanOrEquals))
        shape.unique_lang = is_true(self.one(node, SH.uniqueLang))
        shape.qualified = self.qualified(node)
        shape.sparql = [c for c in (self.sparql(node, n) for n in self.g.objects(node, SH.sparql)) if c is not None]
        shape.sparql += self.components(node, SH.propertyValidator)
        return shape

    def qualified(self, node: Node) -> Qualified | None:
        nested = self.one(node, SH.qualifiedValueShape)
        if nested is None:
            return None
        siblings = []
        if is_true(self.one(node, SH.qualifiedValueShapesDisjoint)):
            for parent in self.g.subjects(SH.property, node):
                for other in self.g.objects(parent, SH.property):
                    siblings += [self.nested(s, 1) for s in self.g.objects(other, SH.qualifiedValueShape) if other != node]
        counts = [self.one(node, key) for key in (SH.qualifiedMinCount, SH.qualifiedMaxCount)]
        return Qualified(self.nested(nested, 1), siblings, *(int(str(c)) if c is not None else None for c in counts))

    def prefixes(self, shape: Node, node: Node) -> dict[str, str]:
        """The sh:declare of each sh:prefixes value, and of every ontology it owl:imports (in this graph)."""
        declarers = set(self.g.objects(node, SH.prefixes))
        todo = list(declarers)
        while todo:
            for imported in self.g.objects(todo.pop(), OWL.imports):
                if imported not in declarers:
                    declarers.add(imported)
                    todo.append(imported)
        prefixes: dict[str, str] = {}
        for declarer in sorted(declarers, key=str):
            for declaration in self.g.objects(declarer, SH.declare):
                prefix, namespace = self.g.value(declaration, SH.prefix), self.g.value(declaration, SH.namespace)
                if prefix is None or namespace is None or not is_clean_iri(str(namespace)):
                    raise GovgraphError(f"shape {_name(shape)}: an sh:declare needs sh:prefix and a clean sh:namespace IRI")
                if prefixes.setdefault(str(prefix), str(namespace)) != str(namespace):
                    raise GovgraphError(f"shape {_name(shape)}: prefix {prefix}: is declared with two namespaces")
        return prefixes

    def sparql(self, shape: Node, node: Node) -> SparqlConstraint | None:
        if node != shape:  # a shape that is its own constraint had its keys checked as a shape
            self.check_keys(node, SPARQL_KEYS | {RDF.type})
        if self.deactivated(node):
            return None
        select = self.one(node, SH.select)
        if select is None:
            raise _refuse(shape, SH.sparql, "without sh:select (e.g. sh:ask) is not supported")
        # An sh:severity here is not SHACL's (the shape's severity counts), and is ignored as pySHACL does.
        return SparqlConstraint(node, str(select), self.prefixes(shape, node), self.message(node))

    def is_class(self, node: Node) -> bool:
        """A SHACL instance of rdfs:Class in the shapes graph (owl:Class and subclasses of rdfs:Class count)."""
        classes: set[Node] = {RDFS.Class, OWL.Class}
        todo = list(classes)
        while todo:
            for sub in self.g.subjects(RDFS.subClassOf, todo.pop()):
                if sub not in classes:
                    classes.add(sub)
                    todo.append(sub)
        return any(t in classes for t in self.g.objects(node, RDF.type))

    def closed(self, node: Node) -> list[Node] | None:
        if not is_true(self.one(node, SH.closed)):
            return None
        allowed: list[Node] = [
            p for shape in self.g.objects(node, SH.property) for p in self.g.objects(shape, SH.path) if isinstance(p, URIRef)
        ]
        for head in self.g.objects(node, SH.ignoredProperties):
            allowed += self.items(node, head, SH.ignoredProperties)
        return allowed

    def targeted_property(self, node: Node) -> list[Shape]:
        """A property shape with targets of its own: a node shape holding just it, whose results it is the source of."""
        holder = Shape(
            node, targets={key: sorted(self.g.objects(node, key), key=str) for key in TARGETS if (node, key, None) in self.g}
        )
        if self.is_class(node):
            holder.targets.setdefault(SH.targetClass, []).append(node)
        prop = self.property(node, targeted=True)
        holder.properties = [prop] if prop is not None else []
        return [holder]

    def candidates(self) -> list[Node]:
        """The shapes validation starts from: node shapes, and shapes with targets, properties or SPARQL."""
        found = set(self.g.subjects(RDF.type, SH.NodeShape))
        for key in TARGETS | {SH.property, SH.sparql}:
            found.update(self.g.subjects(key, None))
        return sorted(found, key=str)

    def shapes(self) -> list[Shape]:
        return [shape for node in self.candidates() for shape in self.shape(node)]

    def shape(self, node: Node) -> list[Shape]:
        """The shape read from `node` (none when it is deactivated)."""
        g = self.g
        if (node, SH.path, None) in g:
            return self.targeted_property(node)
        own_sparql = SPARQL_KEYS if (None, SH.sparql, node) in g else set()  # a shape that is its own constraint
        self.check_keys(node, VALUE_CONSTRAINTS | SET_CONSTRAINTS | NODE_ONLY | DESCRIPTIVE | own_sparql, custom=True)
        shape = Shape(node)
        if not self.common(node, shape):
            return []
        for key in TARGETS:
            values = sorted(g.objects(node, key), key=str)
            if values:
                shape.targets[key] = values
        if self.is_class(node):
            shape.targets.setdefault(SH.targetClass, []).append(node)
        shape.closed = self.closed(node)
        shape.properties = [p for p in (self.property(n) for n in g.objects(node, SH.property)) if p is not None]
        shape.sparql = [c for c in (self.sparql(node, n) for n in g.objects(node, SH.sparql)) if c is not None]
        shape.sparql += self.components(node, SH.nodeValidator)
        return [shape]


def read_shapes(g: Graph) -> list[Shape]:
    """Every active node shape of the shapes graph, with its property shapes and SPARQL constraints."""
    return Reader(g).shapes()
