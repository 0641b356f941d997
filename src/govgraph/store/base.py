"""The one store interface; the embedded store and remote endpoints implement it."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping

import pyoxigraph as ox
from rdflib import Dataset, Graph
from rdflib.term import Node

from .. import safety
from ..errors import GovgraphError
from .results import ResultTable, Selection, integer
from .trusted import TrustedQuery
from .worker import CHUNK_ROWS

Bindings = Mapping[str, Node] | None
QueryResult = ResultTable | bool | Graph
#: What `publish` accepts: pyoxigraph quads, an rdflib Dataset, or a pyoxigraph store/dataset.
Publishable = Iterable[ox.Quad] | Dataset | ox.Store | ox.Dataset

DEFAULT_TIMEOUT = 30.0
DEFAULT_LIMIT = 10_000
MB = 1_000_000
DEFAULT_MAX_ANSWER_BYTES = 64 * MB
TRIPLES_IN_GRAPHS = TrustedQuery.of("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
GRAPH_NAMES = TrustedQuery.of("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")


class Store(ABC):
    """Read-only SPARQL over govgraph's graph, plus publishing one named graph per document.

    Every query text is checked by `govgraph.safety` before a store sees it: updates, SERVICE
    and FROM are refused, parameters are bound as RDF terms. Only a `TrustedQuery` (govgraph's
    own text) skips that parse. `timeout` is wall-clock seconds;
    `limit` caps the rows (or triples) returned and sets `truncated` when more existed.

    A SELECT's rows arrive in chunks (`stream`); `select` gathers them into one table. The time
    limit covers the whole exchange, from sending the query to the last row read. The answer
    size cap (`max_answer_bytes`) bounds what is held at once: the whole answer for `select`,
    `run`, `ask` and `construct`, each chunk for `stream`, whose caller keeps only one at a time.
    """

    #: Where the store lives, for messages ("build/store" or a query URL).
    where: str = ""
    #: Whether SELECTs without a LIMIT get ``LIMIT limit+1`` (see `safety.bind`).
    caps_rows: bool = True
    #: The largest answer read, in bytes: a larger one is refused with a one-line error.
    max_answer_bytes: int = DEFAULT_MAX_ANSWER_BYTES
    #: Rows per chunk of a streamed SELECT.
    chunk_rows: int = CHUNK_ROWS

    def select(
        self,
        query: str | TrustedQuery,
        bindings: Bindings = None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        limit: int = DEFAULT_LIMIT,
        offset: int | None = None,
    ) -> ResultTable:
        """Run a SELECT query and return its rows; with `offset`, the page of `limit` rows from there (`safety.bind`)."""
        result = self.run(query, bindings, timeout=timeout, limit=limit, offset=offset, expect="SELECT")
        assert isinstance(result, ResultTable)
        return result

    def stream(
        self,
        query: str | TrustedQuery,
        bindings: Bindings = None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        limit: int = DEFAULT_LIMIT,
        values: bool = False,
    ) -> Selection:
        """Run a SELECT query and read its rows chunk by chunk, as the store sends them.

        With `values`, rows hold lexical values (str, None where unbound) rather than rdflib terms:
        the cheapest form for callers that need only IRIs and texts. The size cap applies to each chunk.
        """
        prepared = self._prepare(query, bindings, timeout, limit, "SELECT")
        return Selection(self._select(prepared, timeout, limit, values, whole=False), limit)

    def ask(
        self,
        query: str | TrustedQuery,
        bindings: Bindings = None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        limit: int = DEFAULT_LIMIT,
    ) -> bool:
        """Run an ASK query."""
        return bool(self.run(query, bindings, timeout=timeout, limit=limit, expect="ASK"))

    def construct(
        self,
        query: str | TrustedQuery,
        bindings: Bindings = None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        limit: int = DEFAULT_LIMIT,
    ) -> Graph:
        """Run a CONSTRUCT or DESCRIBE query and return its triples."""
        result = self.run(query, bindings, timeout=timeout, limit=limit, expect="CONSTRUCT")
        assert isinstance(result, Graph)
        return result

    def run(
        self,
        query: str | TrustedQuery,
        bindings: Bindings = None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        limit: int = DEFAULT_LIMIT,
        offset: int | None = None,
        expect: str | None = None,
    ) -> QueryResult:
        """Run any read-only query: a ResultTable for SELECT, bool for ASK, a Graph otherwise."""
        prepared = self._prepare(query, bindings, timeout, limit, expect, offset)
        if prepared.form == "SELECT":
            return Selection(self._select(prepared, timeout, limit, False, whole=True), limit).table()
        return self._execute(prepared, timeout, limit)

    def _prepare(
        self,
        query: str | TrustedQuery,
        bindings: Bindings,
        timeout: float,
        limit: int,
        expect: str | None,
        offset: int | None = None,
    ) -> safety.PreparedQuery | TrustedQuery:
        """The query as a store may run it: checked by the gate (or trusted), its parameters bound, of the form expected."""
        if timeout <= 0:
            raise GovgraphError("the timeout must be a positive number of seconds")
        if limit < 0:
            raise GovgraphError("the row limit must not be negative")
        prepared = (
            _trusted(query, bindings, offset)
            if isinstance(query, TrustedQuery)
            else safety.bind(query, bindings, limit if self.caps_rows or offset is not None else None, offset)
        )
        form = "CONSTRUCT" if prepared.form == "DESCRIBE" else prepared.form
        if expect is not None and form != expect:
            raise GovgraphError(f"expected a {expect} query, got {prepared.form}")
        return prepared

    @abstractmethod
    def _select(
        self, prepared: safety.PreparedQuery | TrustedQuery, timeout: float, limit: int, values: bool, whole: bool
    ) -> Iterator[tuple]:
        """Run a checked (or trusted) SELECT: its reply frames (see `Selection`), the size cap on the whole answer or each chunk."""

    @abstractmethod
    def _execute(self, prepared: safety.PreparedQuery | TrustedQuery, timeout: float, limit: int) -> QueryResult:
        """Run a checked (or trusted) ASK, CONSTRUCT or DESCRIBE."""

    @abstractmethod
    def publish(self, data: Publishable) -> dict[str, int]:
        """Replace each named graph in `data` with its triples; returns triples per graph."""

    def triple_count(self) -> int:
        """How many triples the store holds across its named graphs."""
        table = self.select(TRIPLES_IN_GRAPHS)
        return integer(table.rows[0][0]) if table.rows else 0

    def graph_names(self) -> list[str]:
        """The IRIs of the named graphs in the store, sorted."""
        table = self.select(GRAPH_NAMES, limit=1_000_000)
        return sorted(str(row[0]) for row in table.rows)

    def close(self) -> None:  # noqa: B027 (a no-op by default; stores with resources override it)
        """Release processes and connections (safe to call twice)."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.where}>"


def _trusted(query: TrustedQuery, bindings: Bindings, offset: int | None = None) -> TrustedQuery:
    """A trusted query as it is: it has no parameters nor pages (those are written by the gate only)."""
    if bindings or offset is not None:
        raise GovgraphError("a trusted query takes no parameters nor pages: ask through the checked gate")
    return query


def too_large(where: str, max_bytes: int) -> GovgraphError:
    """The one-line message for an answer over the size cap."""
    return GovgraphError(
        f"the answer from {where} is larger than {max_bytes / MB:g} MB (the answer size cap); "
        "narrow the query or raise --max-answer-mb"
    )


def quads_by_graph(data: Publishable) -> dict[ox.NamedNode | ox.BlankNode | ox.DefaultGraph, list[ox.Quad]]:
    """Group what is to be published by named graph, as pyoxigraph quads."""
    if isinstance(data, Dataset):
        text = data.serialize(format="nquads")
        quads: Iterable[ox.Quad] = ox.parse(text, format=ox.RdfFormat.N_QUADS)
    elif isinstance(data, ox.Store):
        quads = data.quads_for_pattern(None, None, None)
    else:
        quads = data
    grouped: dict[ox.NamedNode | ox.BlankNode | ox.DefaultGraph, list[ox.Quad]] = {}
    for quad in quads:
        grouped.setdefault(quad.graph_name, []).append(quad)
    return grouped
