"""The in-process store: a pyoxigraph store (in memory, or a store folder opened read-only) behind `Store`.

Validation, build and stats hold the graph in this process already; this runs their
queries there, with no child process and no copy. The default graph of every query is the
union of the named graphs, as in the embedded store. pyoxigraph has no time limit of its
own, so `timeout` is not enforced here: use `EmbeddedStore` for queries from the network.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox

from .. import safety
from ..errors import GovgraphError
from . import worker
from .base import Publishable, QueryResult, Store, quads_by_graph
from .results import from_reply, with_terms
from .trusted import TrustedQuery


class MemoryStore(Store):
    """A pyoxigraph `Store` object queried in this process."""

    #: Solutions are read lazily and reading stops at the limit, so no LIMIT is added (nor parsed again).
    caps_rows = False

    def __init__(self, store: ox.Store | None = None) -> None:
        self.graph = ox.Store() if store is None else store
        self.where = "memory"

    @classmethod
    def of(cls, store: ox.Store | Store) -> Store:
        """A govgraph Store as it is; a pyoxigraph store wrapped to be queried in this process."""
        return store if isinstance(store, Store) else cls(store)

    def _select(
        self, prepared: safety.PreparedQuery | TrustedQuery, timeout: float, limit: int, values: bool, whole: bool
    ) -> Iterator[tuple]:
        """The solutions, read lazily in chunks (nothing is pickled: the frames stay in this process)."""
        try:
            for frame in worker.answer(self.graph, prepared.text, limit, values, self.chunk_rows):
                yield with_terms(frame, values)
        except worker.QUERY_ERRORS as error:
            raise GovgraphError(f"query failed on the in-memory store: {error}") from None

    def _execute(self, prepared: safety.PreparedQuery | TrustedQuery, timeout: float, limit: int) -> QueryResult:
        try:
            return from_reply(next(worker.answer(self.graph, prepared.text, limit)), limit)
        except worker.QUERY_ERRORS as error:
            raise GovgraphError(f"query failed on the in-memory store: {error}") from None

    def publish(self, data: Publishable) -> dict[str, int]:
        """Replace each named graph of `data` with its triples."""
        counts: dict[str, int] = {}
        for graph, quads in quads_by_graph(data).items():
            if isinstance(graph, ox.DefaultGraph):
                self.graph.clear_graph(graph)
            else:
                self.graph.remove_graph(graph)
            self.graph.extend(quads)
            counts[str(getattr(graph, "value", "default"))] = len(set(quads))
        return counts

    def triple_count(self) -> int:
        """Every quad the store holds, the default graph's included (a Turtle file loads there)."""
        return len(self.graph)
