"""Build the combined graph: parse, validate, then write N-Quads and the embedded store atomically.

Nothing is written unless every file parses and the graph has no violation, so a failed
build leaves the previous build in place. Both are written into one new version folder that
then becomes current in one rename (`govgraph.versions`): readers never see a new N-Quads file
beside an old store, nor a store swapped while they open it.
"""

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import pyoxigraph as ox

from . import derived, loading, paths, versions
from .atomic import replaced_folder
from .confine import output_path
from .errors import GovgraphError
from .namespaces import DEFAULT_BASE
from .progress import Progress, reporting
from .stats import count_summary
from .store import MemoryStore, TrustedQuery
from .store.results import integer
from .validate import ValidationReport, validate_store


@dataclass
class BuildResult:
    """What a build wrote, and how much of everything it holds."""

    output: Path
    store: Path | None
    triples: int
    graphs: dict[str, int] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    report: ValidationReport | None = None


def rebase(quads: list[ox.Quad], base: str) -> list[ox.Quad]:
    """The same quads with every IRI under the default base moved under `base`."""
    if base == DEFAULT_BASE:
        return quads

    def move(term: Any) -> Any:  # any position of a quad, the graph name included
        if isinstance(term, ox.NamedNode) and term.value.startswith(DEFAULT_BASE):
            return ox.NamedNode(base + term.value[len(DEFAULT_BASE) :])
        return term

    return [ox.Quad(move(q.subject), move(q.predicate), move(q.object), move(q.graph_name)) for q in quads]


#: N-Quads bytes per bulk load. RocksDB's loader holds several times its input in memory (about
#: 900 MB for a million quads in one call); in chunks it stays near 150 MB, for about 15% more CPU.
CHUNK_BYTES = 64 * 2**20


def write_store(quads: list[ox.Quad] | Path, target: Path) -> None:
    """Fill a fresh on-disk pyoxigraph store (from quads or an N-Quads file) that replaces `target` as a whole."""
    with replaced_folder(target, marker="CURRENT") as staging:
        store = ox.Store(str(staging))
        if isinstance(quads, Path):
            bulk_load_nquads(store, quads)
        else:
            store.bulk_extend(quads)
        store.optimize()
        del store


def bulk_load_nquads(store: ox.Store, path: Path, chunk_bytes: int = CHUNK_BYTES) -> None:
    """Bulk load an N-Quads file in chunks of whole lines, to bound the loader's memory.

    Each load gives the blank nodes it reads new names, so every line that may hold one
    (any line with ``_:``) waits for one last load together: a blank node stays one node.
    """
    blank: list[bytes] = []
    with path.open("rb") as source:
        while chunk := source.read(chunk_bytes):
            chunk += source.readline()  # to the end of the line the chunk cut
            if b"_:" in chunk:
                lines = chunk.splitlines(keepends=True)
                blank += [line for line in lines if b"_:" in line]
                chunk = b"".join(line for line in lines if b"_:" not in line)
            store.bulk_load(chunk, format=ox.RdfFormat.N_QUADS)
    if blank:
        store.bulk_load(b"".join(blank), format=ox.RdfFormat.N_QUADS)


def build(
    output: Path = paths.BUILD_FILE,
    store_dir: Path | None = paths.STORE_DIR,
    *,
    base: str = DEFAULT_BASE,
    progress: Progress | None = None,
) -> BuildResult:
    """Validate ontology + data and write the combined graph; raise on violations, writing nothing.

    Steps are reported to `progress`, by default on stderr once the build has taken two seconds.
    """
    with reporting(progress) as report:
        return _build(output, store_dir, base, report)


def _build(output: Path, store_dir: Path | None, base: str, progress: Progress) -> BuildResult:
    started = time.perf_counter()
    files = loading.default_files()
    progress(f"parsing {len(files)} files…")
    store = loading.load_store(files)
    report = validate_store(store, files[1:], progress=progress)
    if not report.conforms:
        raise GovgraphError(
            f"{len(report.violations)} violation(s); nothing was written. Run `govgraph validate` for the report."
        )
    counts = count_summary(store)
    derived.derive(store)  # after validation and the counts: derived triples are not curated data
    graphs, triples = _graph_sizes(store, base), len(store)
    progress(f"writing {output}…")
    lines = sorted_nquads(store, base)
    del store  # the graph is in `lines` now: the on-disk store below fills with the memory this held
    root = output.parent
    # A store in the folder of the N-Quads file switches with it; one elsewhere is replaced on its own.
    beside = store_dir is not None and store_dir.parent.resolve() == root.resolve()
    entries = [output.name] + ([store_dir.name] if beside and store_dir is not None else [])
    with versions.new_version(root, entries) as folder:
        nquads = output_path(folder, output.name)
        with nquads.open("wb") as written:
            written.writelines(lines)
        del lines
        if store_dir is not None:
            progress(f"filling the embedded store {store_dir}…")
            write_store(nquads, output_path(folder, store_dir.name) if beside else store_dir)
    progress(f"done in {time.perf_counter() - started:.1f} s")
    return BuildResult(
        output=output, store=store_dir, triples=triples, graphs=dict(sorted(graphs.items())), counts=counts, report=report
    )


def sorted_nquads(store: ox.Store, base: str = DEFAULT_BASE) -> list[bytes]:
    """The store's quads as N-Quads lines (under `base`), sorted: the byte-stable build file.

    Sorting the serialised lines gives the same bytes as sorting quads by str(), and the
    store serialises itself natively: no Python object per quad on the default base.
    """
    if base == DEFAULT_BASE:
        text = cast(bytes, store.dump(format=ox.RdfFormat.N_QUADS))  # stubs: bytes | None
    else:
        text = cast(
            bytes, ox.serialize(rebase(list(store.quads_for_pattern(None, None, None)), base), format=ox.RdfFormat.N_QUADS)
        )
    lines = text.splitlines(keepends=True)
    del text
    lines.sort()
    return lines


#: Quads per named graph.
GRAPH_SIZES = TrustedQuery.of("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")


def _graph_sizes(store: ox.Store, base: str) -> dict[str, int]:
    """Quads per named graph, with graph names under `base`."""
    sizes = {str(g): integer(n) for g, n in MemoryStore(store).select(GRAPH_SIZES, limit=10_000_000).rows}
    return {base + name[len(DEFAULT_BASE) :] if name.startswith(DEFAULT_BASE) else name: n for name, n in sizes.items()}
