"""Query results as plain values, for comparing with rows written by hand in tests."""

from __future__ import annotations

from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from govgraph.namespaces import PREFIXES

_INTEGERS = {
    XSD.integer,
    XSD.int,
    XSD.long,
    XSD.short,
    XSD.nonNegativeInteger,
    XSD.positiveInteger,
    XSD.unsignedInt,
    XSD.unsignedLong,
}


def short(term: Node | None) -> object:
    """A term as a plain value for comparing with hand-written rows.

    IRIs become prefixed names (``stmt:…``), integers (whatever integer type a server chose,
    e.g. Virtuoso's xsd:int for COUNT) become int, booleans bool, decimals Decimal, every other
    literal its lexical form (language tags are checked separately where they matter).
    """
    if term is None:
        return None
    if isinstance(term, URIRef):
        best = max((ns for ns in PREFIXES.values() if str(term).startswith(str(ns))), key=lambda ns: len(str(ns)), default=None)
        if best is None:
            return str(term)
        prefix = next(p for p, ns in PREFIXES.items() if ns == best)
        return f"{prefix}:{str(term)[len(str(best)) :]}"
    assert isinstance(term, Literal)
    if term.datatype in _INTEGERS:
        return int(term)
    if term.datatype == XSD.boolean:
        return term.toPython()
    if term.datatype == XSD.decimal:
        return Decimal(str(term))
    return str(term)


def rows(table: object) -> list[tuple[object, ...]]:
    """The rows of a ResultTable as tuples of `short` values."""
    return [tuple(short(term) for term in row) for row in table.rows]  # type: ignore[attr-defined]
