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


def write_store(quads: list[ox.Quad] | Path, target: Path) -> None:
    """Fill a fresh on-disk pyoxigraph store (from quads or an N-Quads file) that replaces `target` as a whole."""
    with replaced_folder(target, marker="CURRENT") as staging:
        store = ox.Store(str(staging))
        if isinstance(quads, Path):
            store.bulk_load(path=str(quads), format=ox.RdfFormat.N_QUADS)
        else:
            store.bulk_extend(quads)
        store.optimize()
        del store


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
    root = output.parent
    # A store in the folder of the N-Quads file switches with it; one elsewhere is replaced on its own.
    beside = store_dir is not None and store_dir.parent.resolve() == root.resolve()
    entries = [output.name] + ([store_dir.name] if beside and store_dir is not None else [])
    with versions.new_version(root, entries) as folder:
        nquads = output_path(folder, output.name)
        progress(f"writing {output}…")
        if base == DEFAULT_BASE:
            # Sorting the serialised lines gives the same bytes as sorting quads by str(), with
            # no Python object per quad: at a million triples half the memory and less CPU.
            lines = cast(bytes, ox.serialize(store.quads_for_pattern(None, None, None), format=ox.RdfFormat.N_QUADS)).splitlines(
                keepends=True
            )  # stubs: bytes | None
            lines.sort()
            nquads.write_bytes(b"".join(lines))
            del lines
            source: list[ox.Quad] | Path = nquads
        else:
            quads = rebase(list(store.quads_for_pattern(None, None, None)), base)
            ox.serialize(sorted(quads, key=str), str(nquads), ox.RdfFormat.N_QUADS)
            source = quads
        if store_dir is not None:
            progress(f"filling the embedded store {store_dir}…")
            write_store(source, output_path(folder, store_dir.name) if beside else store_dir)
    graphs = _graph_sizes(store, base)
    progress(f"done in {time.perf_counter() - started:.1f} s")
    return BuildResult(
        output=output, store=store_dir, triples=len(store), graphs=dict(sorted(graphs.items())), counts=counts, report=report
    )


#: Quads per named graph.
GRAPH_SIZES = TrustedQuery.of("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")


def _graph_sizes(store: ox.Store, base: str) -> dict[str, int]:
    """Quads per named graph, with graph names under `base`."""
    sizes = {str(g): integer(n) for g, n in MemoryStore(store).select(GRAPH_SIZES, limit=10_000_000).rows}
    return {base + name[len(DEFAULT_BASE) :] if name.startswith(DEFAULT_BASE) else name: n for name, n in sizes.items()}
