"""Publish the built graph to a store: one named graph per source document, replaced as a whole."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from . import loading, paths
from .errors import InputError
from .store import RemoteStore, Store


@dataclass
class PublishOutcome:
    """What was published, from where, and which stale graphs were dropped."""

    source: str
    graphs: dict[str, int]
    dropped: list[str] = field(default_factory=list)


def built_quads(build_file: Path = paths.BUILD_FILE) -> tuple[list[ox.Quad], str]:
    """The quads of the last build, or of ontology + data/ parsed afresh when there is no build."""
    if build_file.is_file():
        try:
            return list(ox.parse(path=str(build_file), format=ox.RdfFormat.N_QUADS)), str(build_file)
        except SyntaxError as error:
            raise InputError(build_file, f"N-Quads syntax error: {error}") from None
    store = loading.load_store()
    return list(store.quads_for_pattern(None, None, None)), "ontology and data/ (no build yet)"


def publish(store: Store, build_file: Path = paths.BUILD_FILE, *, prune: bool = False) -> PublishOutcome:
    """Replace every named graph of the build on `store`; with `prune`, drop govgraph graphs the build lacks."""
    quads, source = built_quads(build_file)
    graphs = store.publish(quads)
    dropped: list[str] = []
    if prune and isinstance(store, RemoteStore):
        stale = [g for g in store.graph_names() if g.startswith(loading.GRAPH_BASE) and g not in graphs]
        store.drop_graphs(stale)
        dropped = stale
    return PublishOutcome(source, graphs, dropped)
