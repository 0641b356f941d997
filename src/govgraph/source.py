"""Where the graph comes from, decided in one place.

A `GraphSource` is one of: Turtle files (the ontology and data/ by default), the N-Quads of a
build, an embedded store folder, a SPARQL endpoint with its credentials and caps, or data
already in memory (quads, a pyoxigraph store, an rdflib graph). Whatever reads the graph asks
the source for `.quads()` (the exact terms, each in its named graph) or `.store()` (a
`govgraph.store.Store` to query); the CLI makes sources in `govgraph.commands.options`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pyoxigraph as ox
from rdflib import Graph

from . import derived, loading, paths
from .errors import GovgraphError, InputError
from .store import (
    DEFAULT_MAX_ANSWER_BYTES,
    DEFAULT_MAX_MEMORY_BYTES,
    EmbeddedStore,
    Endpoints,
    MemoryStore,
    RemoteStore,
    Store,
    endpoints,
)
from .store.embedded import is_store

#: Overrides the embedded store folder read by default (the app, tests and benchmarks point it at their own).
STORE_ENV = "GOVGRAPH_STORE"
#: Data already in memory: pyoxigraph quads or store, an rdflib graph or dataset.
Data = Iterable[ox.Quad] | ox.Store | Graph
Kind = Literal["files", "build", "store", "endpoint", "data"]


def default_store_dir() -> Path:
    """The embedded store folder read by default: $GOVGRAPH_STORE when set, else build/store."""
    return Path(os.environ[STORE_ENV]) if os.environ.get(STORE_ENV) else paths.STORE_DIR


@dataclass(frozen=True)
class GraphSource:
    """One place the graph is read from; make it with the `from_…` constructors."""

    kind: Kind
    inputs: tuple[Path, ...] | None = None  # files: None means the ontology and data/
    location: Path | None = None  # build: its N-Quads file; store: its folder
    target: Endpoints | None = None  # endpoint
    data: tuple[ox.Quad, ...] | None = None  # data
    max_answer_bytes: int = DEFAULT_MAX_ANSWER_BYTES
    max_memory_bytes: int = DEFAULT_MAX_MEMORY_BYTES

    @property
    def _path(self) -> Path:
        """The build file or store folder (set for those kinds by their constructors)."""
        if self.location is None:
            raise GovgraphError(f"a {self.kind} source has no file or folder")
        return self.location

    @property
    def _endpoint(self) -> Endpoints:
        """The SPARQL server's URLs (set for an endpoint source by its constructor)."""
        if self.target is None:
            raise GovgraphError(f"a {self.kind} source has no SPARQL endpoint")
        return self.target

    # -- the kinds of source ------------------------------------------------------------------
    @classmethod
    def from_files(cls, inputs: Iterable[Path | str] | None = None) -> GraphSource:
        """Turtle files and folders, with the ontology (readers need its class hierarchy); default: data/."""
        return cls("files", inputs=None if inputs is None else tuple(map(Path, inputs)))

    @classmethod
    def from_build(cls, build_file: Path | str = paths.BUILD_FILE) -> GraphSource:
        """The N-Quads file written by `govgraph build`."""
        return cls("build", location=Path(build_file))

    @classmethod
    def from_store(
        cls,
        location: Path | str | None = None,
        *,
        max_answer_bytes: int = DEFAULT_MAX_ANSWER_BYTES,
        max_memory_bytes: int = DEFAULT_MAX_MEMORY_BYTES,
    ) -> GraphSource:
        """An embedded store folder (default: `default_store_dir()`); the caps bound each query on it."""
        return cls(
            "store",
            location=Path(location) if location is not None else default_store_dir(),
            max_answer_bytes=max_answer_bytes,
            max_memory_bytes=max_memory_bytes,
        )

    @classmethod
    def from_endpoint(
        cls,
        query: str,
        *,
        update: str | None = None,
        store: str | None = None,
        user: str | None = None,
        password: str | None = None,
        auth: str | None = None,
        max_answer_bytes: int = DEFAULT_MAX_ANSWER_BYTES,
    ) -> GraphSource:
        """A SPARQL server by its query URL; the update and Graph Store URLs are derived when not given."""
        return cls("endpoint", target=endpoints(query, update, store, user, password, auth), max_answer_bytes=max_answer_bytes)

    @classmethod
    def from_data(cls, data: Data) -> GraphSource:
        """Data already in memory; an rdflib graph keeps its named graphs when it has them."""
        if isinstance(data, ox.Store):
            quads: Iterable[ox.Quad] = data.quads_for_pattern(None, None, None, None)
        elif isinstance(data, Graph):  # through rdflib's own serialiser: one term converter fewer
            text = data.serialize(format="nquads" if data.context_aware else "nt", encoding="utf-8")
            quads = ox.parse(text, format=ox.RdfFormat.N_QUADS)
        else:
            quads = data
        return cls("data", data=tuple(quads))

    @classmethod
    def of(cls, source: GraphSource | Data | None) -> GraphSource:
        """`source` as a GraphSource: itself, data in memory, or (None) the ontology and data/."""
        if isinstance(source, GraphSource):
            return source
        return cls.from_files() if source is None else cls.from_data(source)

    def or_fresh(self) -> GraphSource:
        """This build or store when it exists, else the ontology and data/ read afresh."""
        missing = (self.kind == "build" and not self._path.is_file()) or (self.kind == "store" and not is_store(self._path))
        return GraphSource.from_files() if missing else self

    @property
    def where(self) -> str:
        """The source for messages: a path, a URL, or what the files are."""
        if self.kind == "files":
            return "ontology and data/" if self.inputs is None else ", ".join(map(str, self.inputs))
        if self.kind == "endpoint":
            return self._endpoint.query
        return "data in memory" if self.kind == "data" else str(self.location)

    # -- reading ------------------------------------------------------------------------------
    def quads(self) -> list[ox.Quad]:
        """Every curated quad, each in its named graph, with its terms exactly as written.

        Files are parsed, not read back from a pyoxigraph store: the store normalises derived
        datatypes (xsd:positiveInteger comes back as xsd:integer). The derived graph of counts
        that a build or store holds (`govgraph.derived`) is left out: exports carry the data, not
        counts computed from it.
        """
        if self.kind == "files":
            return [quad for path in self.files() for quad in loading.parse_file(path)]
        if self.kind == "build":
            with self._reading_build() as build_file:
                return [
                    quad
                    for quad in ox.parse(path=str(build_file), format=ox.RdfFormat.N_QUADS)
                    if quad.graph_name != derived.GRAPH
                ]
        if self.kind == "store":
            return [
                quad for quad in self.oxigraph().quads_for_pattern(None, None, None, None) if quad.graph_name != derived.GRAPH
            ]
        if self.kind == "data":
            return list(self.data or ())
        raise GovgraphError(f"cannot read every quad from the SPARQL endpoint {self.where}; give --input or --store instead")

    def stream(self) -> Iterator[ox.Quad]:
        """The quads of `quads`, a build's read from its file one at a time rather than all held at once."""
        if self.kind != "build":
            yield from self.quads()
            return
        with self._reading_build() as build_file:
            yield from (
                quad for quad in ox.parse(path=str(build_file), format=ox.RdfFormat.N_QUADS) if quad.graph_name != derived.GRAPH
            )

    def store(self) -> Store:
        """A Store to query (close it when done): the store folder or endpoint, else the data in this process.

        Files, builds and data are queried in memory (`MemoryStore`), with no copy to disk and no
        worker process. Such a store has no time limit, so the commands give user queries only
        store folders and endpoints; the library's own queries (network, counts) use this.
        """
        if self.kind == "store":
            return EmbeddedStore(self._path, max_answer_bytes=self.max_answer_bytes, max_memory_bytes=self.max_memory_bytes)
        if self.kind == "endpoint":
            return RemoteStore(self._endpoint, max_answer_bytes=self.max_answer_bytes)
        if self.kind == "files":  # queried as a build would be: with the derived graph (`govgraph.derived`)
            return MemoryStore(derived.with_derived(self.oxigraph()))
        return MemoryStore(self.oxigraph())

    def oxigraph(self) -> ox.Store:
        """The graph in an in-process pyoxigraph store: read-only over a store folder, in memory otherwise."""
        if self.kind == "store":
            if not is_store(self._path):
                raise GovgraphError(f"no embedded store at {self.location}: run `govgraph build` first")
            # Resolved now: build/store links to the current build, which a rebuild may switch.
            return ox.Store.read_only(os.path.realpath(self._path))
        if self.kind == "files":
            return loading.load_store(self.files())  # also reports ill-typed literals with their file and line
        store = ox.Store()
        if self.kind == "build":
            with self._reading_build() as build_file:
                store.bulk_load(path=str(build_file), format=ox.RdfFormat.N_QUADS)
        else:
            store.bulk_extend(self.quads())
        return store

    def files(self) -> list[Path]:
        """The Turtle files of a files source, the ontology first and each file once."""
        if self.inputs is None:
            return loading.default_files()
        chosen, seen = [], set()
        for path in loading.expand([paths.ONTOLOGY_FILE, *self.inputs]):
            if path.resolve() not in seen:
                seen.add(path.resolve())
                chosen.append(path)
        return chosen

    def build_if_missing(self) -> bool:
        """Build the graph when this source is an embedded store folder that does not exist yet; True when it ran."""
        if self.kind != "store" or is_store(self._path):
            return False
        from .building import build

        build(store_dir=self._path)
        return True

    @contextmanager
    def _reading_build(self) -> Iterator[Path]:
        """The build's N-Quads file, for a block that parses it: a missing file or bad syntax names the file."""
        if not self._path.is_file():
            raise InputError(self._path, "no such file: run `govgraph build` first")
        try:
            yield self._path
        except SyntaxError as error:
            raise InputError(self._path, f"N-Quads syntax error: {error}") from None


def open_store(
    endpoint: str | None = None,
    *,
    update_endpoint: str | None = None,
    store_endpoint: str | None = None,
    user: str | None = None,
    password: str | None = None,
    auth: str | None = None,
    location: Path | str | None = None,
    max_answer_bytes: int = DEFAULT_MAX_ANSWER_BYTES,
    max_memory_bytes: int = DEFAULT_MAX_MEMORY_BYTES,
) -> Store:
    """The SPARQL server whose query URL is `endpoint`, else the embedded store at `location` (default: `default_store_dir()`).

    `max_answer_bytes` caps the size of any answer read; `max_memory_bytes` caps the memory of
    the embedded store's query process (a remote server enforces its own). Close it when done.

    >>> with open_store() as store:                                   # build/store, read-only
    ...     table = store.select("SELECT ?s WHERE { ?s a ?c } LIMIT 3")
    >>> open_store("http://127.0.0.1:7878/query")                     # an Oxigraph server
    >>> open_store("http://127.0.0.1:8890/sparql", user="dba", password="dba")   # Virtuoso
    """
    if endpoint is None:
        return GraphSource.from_store(location, max_answer_bytes=max_answer_bytes, max_memory_bytes=max_memory_bytes).store()
    return GraphSource.from_endpoint(
        endpoint,
        update=update_endpoint,
        store=store_endpoint,
        user=user,
        password=password,
        auth=auth,
        max_answer_bytes=max_answer_bytes,
    ).store()


@contextmanager
def opened(source: Store | GraphSource | Data | None) -> Iterator[Store]:
    """A Store over `source` for the block: a Store as it is (left open), anything else opened and then closed."""
    if isinstance(source, Store):
        yield source
        return
    with GraphSource.of(source).store() as store:
        yield store
