"""SHACL-SPARQL pre-binding: $this holds each focus node wherever the sh:select mentions it.

The spec defines pre-binding as substituting the focus node for $this in the whole query,
once per focus node. One query per focus node is slow, so the compiled query does the same
in one go: the focus-node pattern (which binds ?this to every focus node) goes first into
the query's WHERE group and into every nested group whose own FILTERs or BINDs mention
?this. Every group that reads ?this then has it bound, and the joins on ?this keep each
solution to one focus node, as substitution would. EXISTS patterns need nothing: they are
evaluated with the solution around them, ?this included.

On a property shape, $PATH in a triple pattern becomes the shape's path. What the spec says
a query with pre-bound variables must not do (MINUS, VALUES, SERVICE, ``AS ?this``, a
subquery not returning ?this) is an error in the shapes. What substitution and the one-query
form could answer differently (aggregates, LIMIT, subqueries) and the variables we do not
bind ($shapesGraph, $currentShape, $PATH elsewhere) are refused, so pySHACL runs.
"""

from collections.abc import Mapping

from pyparsing import ParseResults
from rdflib import Variable
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Node

from .. import query_text, safety
from ..errors import GovgraphError
from ..namespaces import PREFIXES
from .shapes import UnsupportedShapeError

THIS = Variable("this")
VALUE = Variable("value")
PATH = Variable("PATH")
#: Parts of a group that hold a group of their own, by the key that holds it.
NESTED = {"GroupOrUnionGraphPattern", "OptionalGraphPattern", "GraphGraphPattern", "MinusGraphPattern"}
UNBOUND = {"shapesGraph", "currentShape"}


def _mentions_this(node: object) -> bool:
    return any(variable == THIS for variable in safety.variables(node))


def _projected(select: CompValue) -> list[object] | None:
    """The variables a SELECT returns, or None for SELECT *."""
    return [safety.field(v, "var") for v in select["projection"]] if "projection" in select else None


def _refuse_forbidden(query: CompValue, name: str, bound: set[Variable]) -> None:
    """Raise for what SHACL forbids with the pre-bound variables `bound`, and refuse what we cannot pre-bind."""
    for node in safety.walk(query):
        if node.name == "MinusGraphPattern":
            raise GovgraphError(f"{name}: SHACL forbids MINUS in a query with pre-bound variables")
        if node.name == "InlineData" or "valuesClause" in node:
            raise GovgraphError(f"{name}: SHACL forbids VALUES in a query with pre-bound variables")
        if (node.name == "Bind" and safety.field(node, "var") in bound) or safety.field(node, "evar") in bound:
            raise GovgraphError(f"{name}: SHACL forbids binding a pre-bound variable ($this…) with AS in a constraint's query")
        if node.name == "SubSelect":
            projected = _projected(node)
            if projected is not None and THIS not in projected:
                raise GovgraphError(f"{name}: SHACL requires a subquery to return $this")
            raise UnsupportedShapeError(f"{name}: subqueries are not supported by the SPARQL validation engine")
    used = {str(v) for v in safety.variables(query)}
    if used & UNBOUND:
        raise UnsupportedShapeError(f"{name}: ${sorted(used & UNBOUND)[0]} is not supported by the SPARQL validation engine")
    if any(key in query for key in ("groupby", "having", "limitoffset")) or any(
        node.name.startswith("Aggregate_") for node in safety.walk(query)
    ):
        raise UnsupportedShapeError(f"{name}: aggregates, LIMIT and OFFSET are not supported by the SPARQL validation engine")


def _group(group: CompValue, focus: CompValue, top: bool, path: object) -> CompValue:
    """The group with the focus pattern first when it reads ?this in an expression (always at the top).

    `path` (a property shape's sh:path, as a parsed path) replaces $PATH in predicate position.
    """
    parts = [_part(part, focus, path) for part in (group["part"] if "part" in group else [])]  # noqa: SIM401 (see _get)
    reads = any(part.name in ("Filter", "Bind") and _mentions_this(part) for part in parts)
    return CompValue("GroupGraphPatternSub", part=[focus, *parts] if top or reads else parts)


def _part(part: CompValue, focus: CompValue, path: object) -> CompValue:
    if part.name == "GroupOrUnionGraphPattern":
        return CompValue(part.name, graph=[_group(g, focus, False, path) for g in part["graph"]])
    if part.name in NESTED:
        copy = CompValue(part.name, **part)
        copy["graph"] = _group(part["graph"], focus, False, path)
        return copy
    if part.name == "TriplesBlock" and path is not None and "triples" in part:
        blocks = [[path if i % 3 == 1 and t == PATH else t for i, t in enumerate(block)] for block in part["triples"]]
        return CompValue(part.name, triples=blocks)
    return part


def _substituted(node: object, terms: Mapping[Variable, Node]) -> object:
    """A copy of a parse tree with each variable of `terms` replaced by its term (a custom component's parameters)."""
    if isinstance(node, Variable):
        return terms.get(node, node)
    if isinstance(node, CompValue):
        copy = CompValue(node.name)
        for key, value in node.items():
            copy[key] = _substituted(value, terms)
        return copy
    if isinstance(node, (ParseResults, list, tuple)):
        return [_substituted(item, terms) for item in node]
    return node


def _parsed(text: str, prefixes: dict[str, str], name: str, form: str, bindings: Mapping[str, Node]) -> tuple[object, CompValue]:
    """The prologue and the query of a constraint's text, checked, with its parameters' values in place."""
    prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in prefixes.items())
    try:
        tree = safety.parse(prologue + text)
    except GovgraphError as error:
        raise GovgraphError(f"{name}: {error}") from None
    query = tree[1]
    if query.name != form:
        raise GovgraphError(f"{name}: the query is not a {form.removesuffix('Query').upper()}")
    terms = {Variable(key): value for key, value in bindings.items()}
    _refuse_forbidden(query, name, {THIS, *terms, *([VALUE] if form == "AskQuery" else [])})
    if not terms:
        return tree[0], query
    substituted = _substituted(query, terms)
    if "projection" in query:  # what the query returns keeps its variables
        substituted["projection"] = query["projection"]  # type: ignore[index]
    return tree[0], substituted  # type: ignore[return-value]


def asked(ask: str, prefixes: dict[str, str], focus: str, values: str, name: str, bindings: Mapping[str, Node]) -> str:
    """A custom component's ASK validator as one query: each focus node and value node it answers false for.

    The ASK pattern goes under FILTER NOT EXISTS, where the solution around it binds $this and
    $value; a nested group of it that reads them in a FILTER or BIND is refused (it would not).
    """
    prologue, query = _parsed(ask, prefixes, name, "AskQuery", bindings)
    where = query["where"]
    for part in where["part"] if "part" in where else []:  # noqa: SIM401 (CompValue.get gives the key when missing)
        if part.name in NESTED and any(v in (THIS, VALUE) for v in safety.variables(part)):
            raise UnsupportedShapeError(f"{name}: $this or $value in a nested group of an ASK validator is not supported")
    group = query_text.Writer(prologue, PREFIXES).group(where)  # type: ignore[arg-type]
    text = f"SELECT DISTINCT ?this ?value WHERE {{ {focus} {values} FILTER NOT EXISTS {group} }}"
    try:
        return safety.bind(text).text
    except GovgraphError as error:
        raise GovgraphError(f"{name}: {error}") from None


def prebound(
    select: str,
    prefixes: dict[str, str],
    focus: str,
    name: str,
    path: str | None = None,
    bindings: Mapping[str, Node] | None = None,
) -> str:
    """The sh:select with ?this pre-bound by the `focus` group pattern, as checked query text.

    On a property shape, `path` (SPARQL property path text) stands for $PATH in triple patterns;
    a custom component's `bindings` put its parameters' values in place of their variables.
    """
    prologue, query = _parsed(select, prefixes, name, "SelectQuery", bindings or {})
    tree = [prologue, query]
    where = query["where"]
    if where.name != "GroupGraphPatternSub":
        raise UnsupportedShapeError(f"{name}: a subquery as the whole WHERE clause is not supported")
    pattern = safety.parse(f"SELECT * WHERE {{ {focus} }}")[1]["where"]["part"][0]
    verb = safety.parse(f"SELECT * WHERE {{ ?s {path} ?o }}")[1]["where"]["part"][0]["triples"][0][1] if path else None
    rewritten = CompValue(query.name, **query)
    rewritten["where"] = _group(where, pattern, True, verb)
    if any(variable == PATH for variable in safety.variables(rewritten)):
        raise UnsupportedShapeError(f"{name}: $PATH outside a triple pattern of a property shape is not supported")
    projected = _projected(query)
    if projected is not None and THIS not in projected:
        rewritten["projection"] = [CompValue("vars", var=THIS), *query["projection"]]
    text = query_text.write([tree[0], rewritten], PREFIXES)
    try:
        return safety.bind(text).text
    except GovgraphError as error:
        raise GovgraphError(f"{name}: {error}") from None
