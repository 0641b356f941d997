"""Query results as one value type for every store, and the terms in them."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ..errors import GovgraphError
from ..terms import literal

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


def from_wire(term: tuple | None) -> Node | None:
    """The rdflib term for a term sent by the query child (see `worker.wire`)."""
    if term is None:
        return None
    if term[0] == "u":
        return URIRef(term[1])
    if term[0] == "b":
        return BNode(term[1])
    return literal(term[1], term[2], term[3])


def from_reply(reply: tuple, limit: int) -> bool | Graph:
    """The result for the answer frame of an ASK or a graph query (see `worker.answer`)."""
    if reply[0] == "ask":
        return bool(reply[1])
    graph = Graph()
    for triple in reply[1]:
        s, p, o = map(from_wire, triple)
        if s is None or p is None or o is None:
            raise GovgraphError("malformed result: a triple with a missing term")
        graph.add((s, p, o))
    graph.truncated = reply[2]  # type: ignore[attr-defined]
    return graph


def with_terms(frame: tuple, values: bool) -> tuple:
    """A reply frame of the query child with its rows' terms as rdflib terms (see `worker.wire`); as it is for values."""
    if values or frame[0] != "rows":
        return frame
    return ("rows", [tuple(map(from_wire, row)) for row in frame[1]])


class Selection:
    """The rows of a SELECT as they arrive, in chunks: iterate it for lists of rows, or call `table()`.

    Built on a store's reply frames (see `worker`): ``("select", variables)``, then ``("rows", rows)``
    frames, then ``("end", truncated)``. Rows hold rdflib terms, or each term's lexical value (a str;
    None where unbound) when the store was asked for values. `truncated` is known once the last
    chunk has been read. Read it to the end or close it (it is a context manager): a store holds
    its connection or query process until then.
    """

    def __init__(self, frames: Iterator[tuple], limit: int) -> None:
        self._frames = frames
        self.limit = limit
        self.truncated = False
        first = next(frames, None)
        if first is None or first[0] != "select":
            self.close()
            raise GovgraphError("malformed result: a SELECT answer without its variables")
        self.variables: list[str] = list(first[1])

    def __iter__(self) -> Iterator[list[tuple]]:
        for frame in self._frames:
            if frame[0] == "end":
                self.truncated = bool(frame[1])
                return
            yield frame[1]

    def rows(self) -> Iterator[tuple]:
        """Every row, one at a time."""
        for chunk in self:
            yield from chunk

    def table(self) -> ResultTable:
        """Every row, in one table."""
        with self:
            rows = [row for chunk in self for row in chunk]
        return ResultTable(self.variables, rows, truncated=self.truncated, limit=self.limit)

    def close(self) -> None:
        """Stop reading: the store drops what is left of the answer."""
        close = getattr(self._frames, "close", None)
        if close is not None:
            close()

    def __enter__(self) -> Selection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


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
