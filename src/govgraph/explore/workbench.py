"""What the SPARQL workbench needs beyond running a query: tables, charts, graphs and downloads."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeGuard

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDFS
from rdflib.term import Node

from ..namespaces import PREFIXES
from ..store import ResultTable
from ..store.formats import write
from ..terms import short

_NUMERIC = {
    "integer",
    "decimal",
    "double",
    "float",
    "int",
    "long",
    "short",
    "nonNegativeInteger",
    "positiveInteger",
    "nonPositiveInteger",
    "negativeInteger",
    "unsignedInt",
    "unsignedLong",
    "byte",
    "unsignedShort",
}


#: What the workbench's editor holds before a question is chosen.
STARTER_QUERY = "SELECT ?s ?label WHERE {\n  ?s a gg:Commitment ; rdfs:label ?label .\n}"


def is_graph(result: object) -> TypeGuard[Graph]:
    """Whether a query answer is a graph (CONSTRUCT, DESCRIBE) rather than rows or a boolean."""
    return isinstance(result, Graph)


def is_number(term: Node | None) -> bool:
    """True for a literal of a numeric XSD datatype."""
    return isinstance(term, Literal) and term.datatype is not None and str(term.datatype).rsplit("#", 1)[-1] in _NUMERIC


def cell(term: Node | None, names: Mapping[str, str] | None = None) -> object:
    """A value for a table cell: numbers as numbers, IRIs by name (`names`) else as prefixed names, text as text."""
    if term is None:
        return None
    if isinstance(term, Literal) and is_number(term):
        value = term.toPython()
        return value if isinstance(value, (int, float)) else float(str(term))
    if isinstance(term, URIRef):
        return (names or {}).get(str(term)) or short(str(term))
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def records(table: ResultTable, names: Mapping[str, str] | None = None) -> list[dict[str, object]]:
    """The rows as dicts of display values, in column order (for st.dataframe / pandas); IRIs by `names`."""
    return [{name: cell(term, names) for name, term in zip(table.variables, row)} for row in table.rows]


def iris(table: ResultTable) -> list[str]:
    """Every IRI in the rows, once each, to look their names up."""
    return list(dict.fromkeys(str(term) for row in table.rows for term in row if isinstance(term, URIRef)))


@dataclass(frozen=True)
class ChartSpec:
    """Which column labels the bars and which gives their length."""

    label: str
    value: str


#: `(COUNT(…) AS ?n)` or `(SUM(…) AS ?n)` in a query: the columns that hold amounts.
_AMOUNT = re.compile(r"\(\s*(?:COUNT|SUM)\s*\(.*?\)\s+AS\s+\?(\w+)\s*\)", re.IGNORECASE | re.DOTALL)


def amount_columns(query: str) -> set[str]:
    """The variables a query binds to a COUNT or a SUM: numbers that add up, unlike ids, positions or years."""
    return set(_AMOUNT.findall(query))


def chart_spec(table: ResultTable, query: str) -> ChartSpec | None:
    """A bar chart fits when one column is a count or sum (in `query`) and another names distinct things."""
    if not table.rows or len(table.variables) < 2:
        return None
    amounts = amount_columns(query)
    numbers = [v for v in table.variables if v in amounts and all(is_number(t) for t in table.column(v))]
    labels = [v for v in table.variables if v not in numbers and all(t is not None and not is_number(t) for t in table.column(v))]
    # Labels must name distinct, short things: a quote beside a paragraph number is no chart.
    labels = [
        v
        for v in labels
        if len({str(t) for t in table.column(v)}) == len(table.rows) and max(len(str(cell(t))) for t in table.column(v)) <= 80
    ]
    if len(table.rows) < 2 or not numbers or not labels:
        return None
    # Prefer a literal label (a name) to an IRI column when both exist.
    literal_labels = [v for v in labels if all(isinstance(t, Literal) for t in table.column(v))]
    return ChartSpec((literal_labels or labels)[0], numbers[0])


def chart_rows(table: ResultTable, spec: ChartSpec) -> list[dict[str, object]]:
    """The (label, value) pairs of a chart, summed per label."""
    totals: dict[str, float] = {}
    for label, value in zip(table.column(spec.label), table.column(spec.value)):
        key = cell(label)
        totals[str(key)] = totals.get(str(key), 0) + float(cell(value))  # type: ignore[arg-type]
    return [{spec.label: k, spec.value: v} for k, v in totals.items()]


def downloads(table: ResultTable) -> dict[str, tuple[str, str]]:
    """Download payloads: format → (text, MIME type), in the SPARQL 1.1 result formats."""
    return {
        "csv": (write(table, "csv"), "text/csv"),
        "json": (write(table, "json"), "application/sparql-results+json"),
    }


def turtle(graph: Graph) -> str:
    """A CONSTRUCT result as Turtle with govgraph's prefixes."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph.serialize(format="turtle")


def graph_edges(graph: Graph, limit: int = 500) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """Nodes (IRI → label) and labelled edges of a CONSTRUCT result, literals left out, for a graph view."""
    labels = {str(s): str(o) for s, o in graph.subject_objects(RDFS.label)}
    nodes: dict[str, str] = {}
    edges: list[tuple[str, str, str]] = []
    for s, p, o in sorted(graph, key=lambda t: tuple(map(str, t))):
        if isinstance(o, Literal) or len(edges) >= limit:
            continue
        for node in (s, o):
            nodes.setdefault(str(node), labels.get(str(node), short(str(node))))
        edges.append((str(s), str(o), labels.get(str(p), short(str(p)))))
    return nodes, edges


def triple_rows(graph: Graph) -> list[tuple[object, object, object]]:
    """Triples as display cells, sorted."""
    return sorted((cell(s), cell(p), cell(o)) for s, p, o in graph)
