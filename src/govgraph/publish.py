"""Publish the built graph to a store: one named graph per source document, replaced as a whole."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import loading
from .source import GraphSource
from .store import RemoteStore, Store


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
    where = chosen.where if source or chosen.kind == "build" else f"{chosen.where} (no build yet)"
    return PublishOutcome(where, graphs, dropped)
