"""The exports stage of `run.py`: govgraph's writers beside rdflib's and pyoxigraph's, in the same run.

Each side runs in its own child process on the same synthetic GOVGRAPH_HOME and prints the CPU
seconds of every format it writes (parsing the files is not counted). govgraph's side first
canonicalises once, as `govgraph export` does, and that is its own row; rdflib gets a Graph (or
Dataset for N-Quads and TriG) built before its clock starts, pyoxigraph an in-memory Store.

Alone: PYTHONPATH=src python benchmarks/stage_exports.py --home DIR --side govgraph|rdflib|pyoxigraph
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: Format key → (rdflib format name, pyoxigraph format name); None where that side has no writer.
FORMATS: dict[str, tuple[str | None, str | None]] = {
    "ttl": ("turtle", "TURTLE"),
    "nt": ("nt", "N_TRIPLES"),
    "nq": ("nquads", "N_QUADS"),
    "trig": ("trig", "TRIG"),
    "jsonld": ("json-ld", None),
    "rdfxml": ("xml", "RDF_XML"),
    "csv": (None, None),
    "graphml": (None, None),
    "gexf": (None, None),
}
GRAPH_FORMATS = {"nq", "trig"}
SIDES = ("govgraph", "rdflib", "pyoxigraph")
#: The static site is timed up to this many quads (a million would write a quarter of a million files).
SITE_UP_TO = 200_000


def _cpu(function: Callable[[], object]) -> float:
    started = time.process_time()
    function()
    return time.process_time() - started


def _emit(**values: object) -> None:
    print(json.dumps(values), flush=True)


def side_govgraph() -> None:
    from govgraph.export import FORMATS as WRITERS
    from govgraph.export.canonical import canonical_quads, union
    from govgraph.site import build_site
    from govgraph.source import GraphSource

    quads = GraphSource.from_files().quads()
    started = time.process_time()  # as `govgraph export` does once per run: the quads, and their union as triples
    ready = canonical_quads(quads)
    union(ready)
    _emit(format="canonicalise", quads=len(quads), cpu=time.process_time() - started)
    with tempfile.TemporaryDirectory() as folder:
        for key in FORMATS:
            _emit(format=key, cpu=_cpu(lambda: _write(WRITERS[key], ready, Path(folder) / key)))  # noqa: B023
        if len(ready) <= SITE_UP_TO:
            _emit(format="site", cpu=_cpu(lambda: build_site(Path(folder) / "site", ready)))


def _write(fmt: Any, quads: list, target: Path) -> object:
    """One format as `govgraph export` writes it: streamed into a file where it can be, else as bytes."""
    from govgraph.export import tables

    if fmt.stream is not None:
        with target.open("wb") as handle:
            return fmt.stream(quads, handle)
    return tables.csv_files(quads) if fmt.key == "csv" else fmt.writer(quads)


def side_rdflib() -> None:
    from govgraph.loading import to_rdflib, to_rdflib_dataset
    from govgraph.source import GraphSource

    quads = GraphSource.from_files().quads()
    graph, dataset = to_rdflib(quads), to_rdflib_dataset(quads)
    for key, (name, _) in FORMATS.items():
        if name is not None:
            source = dataset if key in GRAPH_FORMATS else graph
            _emit(format=key, cpu=_cpu(lambda: source.serialize(format=name, encoding="utf-8")))  # noqa: B023


def side_pyoxigraph() -> None:
    import pyoxigraph as ox

    from govgraph.source import GraphSource

    store = ox.Store()
    store.extend(GraphSource.from_files().quads())
    with tempfile.TemporaryDirectory() as folder:
        for key, (_, name) in FORMATS.items():
            if name is not None:
                fmt = getattr(ox.RdfFormat, name)
                target = Path(folder) / key
                graph = None if key in GRAPH_FORMATS else ox.DefaultGraph()
                if graph is None:
                    _emit(format=key, cpu=_cpu(lambda: store.dump(str(target), format=fmt)))  # noqa: B023
                else:  # the union of the graphs as triples, as govgraph's single-graph formats write
                    union = [q.triple for q in store]
                    _emit(format=key, cpu=_cpu(lambda: ox.serialize(union, str(target), format=fmt)))  # noqa: B023


def rows(home: Path, timeout: float) -> list[dict]:
    """The stage's table rows: per format, govgraph beside rdflib and beside pyoxigraph (CPU s)."""
    from scale import measure

    here = Path(__file__).resolve().parent
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(here.parent / "src"), str(here)]))
    seconds: dict[str, dict[str, float]] = {}
    for side in SIDES:
        run = measure([sys.executable, __file__, "--home", str(home), "--side", side], timeout, env)
        if run["timed_out"]:
            raise SystemExit(f"exports stage ({side}) passed the {timeout:.0f} s safety timeout")
        seconds[side] = {line["format"]: line["cpu"] for line in run["lines"]}
        if side == "govgraph":
            quads = next(line["quads"] for line in run["lines"] if "quads" in line)
    ours = seconds["govgraph"]
    out = [
        {
            "stage": f"export: canonicalise {quads:,} quads once (CPU s)",
            "ours": ours["canonicalise"],
            "reference": None,
            "unit": "s",
        }
    ]
    for key in [*FORMATS, "site"]:
        if key not in ours:
            continue
        for reference in ("rdflib", "pyoxigraph"):
            if key in seconds[reference]:
                out.append(
                    {
                        "stage": f"export {key} (CPU s) vs {reference}",
                        "ours": ours[key],
                        "reference": seconds[reference][key],
                        "unit": "s",
                    }
                )
        if key not in seconds["rdflib"] and key not in seconds["pyoxigraph"]:
            name = "static site" if key == "site" else f"export {key}"
            out.append({"stage": f"{name} (CPU s)", "ours": ours[key], "reference": None, "unit": "s"})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, required=True)
    parser.add_argument("--side", choices=SIDES, required=True)
    args = parser.parse_args()
    os.environ["GOVGRAPH_HOME"] = str(args.home)  # read when govgraph is first imported, by the side below
    {"govgraph": side_govgraph, "rdflib": side_rdflib, "pyoxigraph": side_pyoxigraph}[args.side]()


if __name__ == "__main__":
    main()
