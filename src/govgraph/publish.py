"""Publish the built graph to a store: one named graph per source document, replaced as a whole."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import loading
from .errors import GovgraphError
from .source import GraphSource
from .store import RemoteStore, Store, TrustedQuery

#: Readers (every command, the app) ask the default graph: it must show what the named graphs hold.
DEFAULT_GRAPH_ANSWERS = TrustedQuery.of("ASK { ?s ?p ?o }")


@dataclass
class PublishOutcome:
    """What was published, from where, and which stale graphs were dropped."""

    source: str
    graphs: dict[str, int]
    dropped: list[str] = field(default_factory=list)


def publish(store: Store, source: GraphSource | None = None, *, prune: bool = False) -> PublishOutcome:
    """Replace every named graph of `source` on `store`; with `prune`, drop govgraph graphs the source lacks.

    The default source is the last build, or ontology + data/ parsed afresh when there is no build."""
    chosen = source or GraphSource.from_build().or_fresh()
    graphs = store.publish(chosen.quads())
    dropped: list[str] = []
    if prune and isinstance(store, RemoteStore):
        stale = [g for g in store.graph_names() if g.startswith(loading.GRAPH_BASE) and g not in graphs]
        store.drop_graphs(stale)
        dropped = stale
    if any(graphs.values()):
        check_default_graph(store)
    where = chosen.where if source or chosen.kind == "build" else f"{chosen.where} (no build yet)"
    return PublishOutcome(where, graphs, dropped)


def check_default_graph(store: Store) -> None:
    """Refuse a server whose default graph stays empty after publishing: every reader would count zeros."""
    if not store.ask(DEFAULT_GRAPH_ANSWERS):
        raise GovgraphError(
            f"published, but the default graph of {store.where} is empty, so every query and the app would find "
            "nothing: make it the union of the named graphs (Oxigraph: `oxigraph serve --union-default-graph`; "
            "Virtuoso does so already)"
        )
