"""Export speed: govgraph's deterministic writers beside rdflib's serialisers (the baseline).

Run: PYTHONPATH=src python benchmarks/export.py [--scale N]
--scale N copies the curated data N times under fresh IRIs to see how the writers grow.
Prints, per format, the best of 3 runs in milliseconds and the output size.
"""

import argparse
import time

import pyoxigraph as ox

from govgraph.export import FORMATS
from govgraph.loading import to_rdflib, to_rdflib_dataset
from govgraph.source import GraphSource

RDFLIB = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig", "jsonld": "json-ld", "rdfxml": "xml"}


def scaled(quads: list[ox.Quad], copies: int) -> list[ox.Quad]:
    def rename(term, i):
        if isinstance(term, ox.NamedNode) and "/id/" in term.value:
            return ox.NamedNode(f"{term.value}-{i}")
        if isinstance(term, ox.BlankNode):
            return ox.BlankNode(f"{term.value}x{i}")
        return term

    return [ox.Quad(rename(q.subject, i), q.predicate, rename(q.object, i), q.graph_name) for i in range(copies) for q in quads]


def best(func, runs: int = 3) -> tuple[float, int]:
    times, size = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        out = func()
        times.append(time.perf_counter() - start)
        size = len(out)
    return min(times) * 1000, size


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=1)
    args = parser.parse_args()
    quads = scaled(GraphSource.from_files().quads(), args.scale)
    graph, dataset = to_rdflib(quads), to_rdflib_dataset(quads)
    print(f"{len(quads)} quads (scale {args.scale})")
    print(f"{'format':8} {'govgraph ms':>12} {'bytes':>9} {'rdflib ms':>10} {'bytes':>9}")
    for key in FORMATS:
        writer = FORMATS[key].writer
        if writer is None:
            continue
        ours, our_size = best(lambda: writer(quads))  # noqa: B023 (timed at once)
        if key in RDFLIB:
            source = dataset if key in ("nq", "trig") else graph
            theirs, their_size = best(lambda: source.serialize(format=RDFLIB[key], encoding="utf-8"))  # noqa: B023 (timed at once)
            print(f"{key:8} {ours:12.1f} {our_size:9} {theirs:10.1f} {their_size:9}")
        else:
            print(f"{key:8} {ours:12.1f} {our_size:9} {'-':>10} {'-':>9}")


if __name__ == "__main__":
    main()
