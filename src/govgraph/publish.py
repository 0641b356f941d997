"""Publish the built graph to a store: one named graph per source document, replaced as a whole.

The derived graph of counts (`govgraph.derived`) is computed on the store once the data is there,
so it counts what the store holds (graphs published before and kept included), never an older graph.

Memory stays bounded at any size: the quads are read one at a time and spooled to a file per
named graph, then whole graphs go to the store a batch at a time.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from . import derived, loading
from .errors import GovgraphError
from .source import GraphSource
from .store import RemoteStore, Store, TrustedQuery

#: Readers (every command, the app) ask the default graph: it must show what the named graphs hold.
DEFAULT_GRAPH_ANSWERS = TrustedQuery.of("ASK { ?s ?p ?o }")
#: About how many quads publishing holds in memory at once (plus the largest graph, which is sent whole).
BATCH_QUADS = 200_000

GraphName = ox.NamedNode | ox.BlankNode | ox.DefaultGraph


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
    graphs = publish_in_batches(store, chosen.stream())
    # Counted on the server, after publishing: they agree with every graph it holds, ours or not.
    graphs.update(store.publish(derived.counts(store)))
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


def publish_in_batches(store: Store, quads: Iterable[ox.Quad], batch: int = BATCH_QUADS) -> dict[str, int]:
    """Replace each named graph of `quads` on `store`, whole graphs a batch of about `batch` quads at a time.

    A build's file is sorted by subject, so a graph's quads are spread through it: they are
    spooled to one N-Quads file per graph in a temporary folder first. Returns triples per graph.
    """
    counts: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="govgraph-publish-") as folder:
        spooled = _spool_by_graph(quads, Path(folder), batch)
        pending: list[ox.Quad] = []
        for graph in sorted(spooled, key=str):
            pending.extend(ox.parse(path=str(spooled[graph]), format=ox.RdfFormat.N_QUADS))
            if len(pending) >= batch:
                counts.update(store.publish(pending))
                pending = []
        if pending:
            counts.update(store.publish(pending))
    return counts


def _spool_by_graph(quads: Iterable[ox.Quad], folder: Path, batch: int) -> dict[GraphName, Path]:
    """Append `quads` to one N-Quads file per named graph in `folder`, holding at most `batch` at a time."""
    files: dict[GraphName, Path] = {}
    held: dict[GraphName, list[ox.Quad]] = {}
    count = 0
    for quad in quads:
        held.setdefault(quad.graph_name, []).append(quad)
        count += 1
        if count == batch:
            _append(held, files, folder)
            held, count = {}, 0
    _append(held, files, folder)
    return files


def _append(held: dict[GraphName, list[ox.Quad]], files: dict[GraphName, Path], folder: Path) -> None:
    for graph, quads in held.items():
        path = files.setdefault(graph, folder / f"{len(files)}.nq")
        with path.open("ab") as out:
            ox.serialize(quads, out, ox.RdfFormat.N_QUADS)
