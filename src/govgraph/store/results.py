"""Query results as one value type for every store, and the terms in them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from ..errors import GovgraphError

Row = tuple[Node | None, ...]


@dataclass
class ResultTable:
    """The rows of a SELECT query: rdflib terms, None where a variable is unbound.

    `truncated` is True when the store had more rows than the limit asked for.
    """

    variables: list[str]
    rows: list[Row] = field(default_factory=list)
    truncated: bool = False
    limit: int | None = None

    def __len__(self) -> int:
        return len(self.rows)

    def dicts(self) -> list[dict[str, Node | None]]:
        """Each row as a mapping from variable name to term."""
        return [dict(zip(self.variables, row)) for row in self.rows]

    def column(self, name: str) -> list[Node | None]:
        """The values of one variable, in row order."""
        index = self.variables.index(name)
        return [row[index] for row in self.rows]

    def python(self) -> list[tuple[object, ...]]:
        """Rows as plain Python values (str for IRIs, int/str/date… for literals) for comparisons."""
        return [
            tuple(None if term is None else term.toPython() if isinstance(term, Literal) else str(term) for term in row)
            for row in self.rows
        ]

    def write(self, fmt: str = "table") -> str:
        """The table in one of `formats.FORMATS` (table, csv, tsv, json, md)."""
        from .formats import write

        return write(self, fmt)


def integer(term: Node | None) -> int:
    """The value of an integer literal in a row (a COUNT); anything else is a malformed result."""
    if not isinstance(term, Literal):
        raise GovgraphError(f"malformed result: expected a number, got {term!r}")
    return int(term.toPython())


def literal(value: str, language: str | None = None, datatype: str | None = None) -> Literal:
    """A literal normalised the same way from every store: xsd:string becomes a simple literal."""
    if language:
        return Literal(value, lang=language)
    if datatype in (None, str(XSD.string)):
        return Literal(value)
    if datatype == str(RDF.langString):
        raise GovgraphError("malformed result: rdf:langString literal without a language")
    return Literal(value, datatype=URIRef(datatype), normalize=False)  # as the store holds it (SHACL sees lexical forms)


def from_oxigraph(term: object) -> Node | None:
    """The rdflib term for a pyoxigraph term (None stays None)."""
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        return literal(term.value, term.language, term.datatype.value)
    raise GovgraphError(f"unsupported term in result: {term!r}")


def from_wire(term: tuple | None) -> Node | None:
    """The rdflib term for a term sent by the query child (see `worker.wire`)."""
    if term is None:
        return None
    if term[0] == "u":
        return URIRef(term[1])
    if term[0] == "b":
        return BNode(term[1])
    return literal(term[1], term[2], term[3])


def from_reply(reply: tuple, limit: int) -> ResultTable | bool | Graph:
    """The result for an answer frame of `worker.answer` (an ASK, a SELECT or a graph)."""
    if reply[0] == "ask":
        return reply[1]
    if reply[0] == "select":
        rows = [tuple(map(from_wire, row)) for row in reply[2]]
        return ResultTable(list(reply[1]), rows, truncated=reply[3], limit=limit)
    graph = Graph()
    for triple in reply[1]:
        s, p, o = map(from_wire, triple)
        if s is None or p is None or o is None:
            raise GovgraphError("malformed result: a triple with a missing term")
        graph.add((s, p, o))
    graph.truncated = reply[2]  # type: ignore[attr-defined]
    return graph


def from_json_binding(value: Mapping[str, str]) -> Node:
    """The rdflib term for one SPARQL 1.1 JSON results binding (Virtuoso's typed-literal too)."""
    kind = value["type"]
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    if kind in ("literal", "typed-literal"):
        return literal(value["value"], value.get("xml:lang"), value.get("datatype"))
    raise GovgraphError(f"malformed result: unknown term type {kind!r}")


def projection(text: str) -> list[str] | None:
    """The variables a SELECT query projects, as Oxigraph reads it (`SELECT *` included).

    The query is only prepared on an empty in-memory store: its solutions are never read.
    None when Oxigraph cannot read the query, which a server may still accept.
    """
    import pyoxigraph as ox

    try:
        solutions = ox.Store().query(text)
    except SyntaxError:
        return None
    if not isinstance(solutions, ox.QuerySolutions):  # not a SELECT
        return None
    return [variable.value for variable in solutions.variables]


def table_from_json(data: Any, limit: int, expected: list[str] | None = None) -> ResultTable:
    """A ResultTable from a parsed SPARQL 1.1 Query Results JSON document, cut at `limit` rows.

    With `expected` (the query's projection), an answer naming other variables is malformed:
    callers index rows by the variables they asked for.
    """
    try:
        variables = list(data["head"]["vars"])
        bindings: Sequence[Mapping[str, Mapping[str, str]]] = data["results"]["bindings"]
        kept = bindings[:limit]
        if not all(isinstance(binding, Mapping) for binding in kept):
            raise TypeError("a binding that is not an object")
        rows = [tuple(from_json_binding(b[v]) if v in b else None for v in variables) for b in kept]
    except (KeyError, TypeError, AttributeError) as error:
        raise GovgraphError(f"malformed SELECT result (missing {error})") from None
    named = set(map(str, variables)) | {str(name) for binding in kept for name in binding}
    if expected is not None and (named != set(expected) or len(variables) != len(expected)):
        raise GovgraphError(
            f"malformed SELECT result: it has the variables {', '.join(sorted(named))}, the query asked for {', '.join(expected)}"
        )
    return ResultTable(variables, rows, truncated=len(bindings) > limit, limit=limit)
