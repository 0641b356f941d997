"""What the killable query child costs, beside the baseline of querying pyoxigraph in-process.

Run: PYTHONPATH=src python benchmarks/store_overhead.py [TRIPLES]

The embedded store runs queries in a child process so that a timeout can kill them. This
prints, for the same store directory and queries:
- start: opening the store and answering one small query (child: process start included);
- tiny: the median of 500 two-row lookups once started (the cost of the hop itself);
- count 50k: the median of 200 counting queries;
- large: one SELECT returning every triple (rows converted to rdflib terms in both cases).
"""

from __future__ import annotations

import itertools
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from govgraph import safety
from govgraph.store import EmbeddedStore
from govgraph.terms import from_oxigraph

SMALL = "SELECT (COUNT(*) AS ?n) WHERE { ?s a ?class }"
TINY = "SELECT ?p ?o WHERE { <https://w3id.org/govgraph/id/statement/s1> ?p ?o }"
LARGE = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"


def make_store(triples: int) -> Path:
    location = Path(tempfile.mkdtemp(prefix="govgraph-bench-"))
    store = ox.Store(str(location))
    graph = ox.NamedNode("https://w3id.org/govgraph/graph/bench")
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    kind = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    cls = ox.NamedNode("https://w3id.org/govgraph/ontology#Statement")
    quads = []
    for i in range(triples // 2):
        subject = ox.NamedNode(f"https://w3id.org/govgraph/id/statement/s{i}")
        quads.append(ox.Quad(subject, kind, cls, graph))
        quads.append(ox.Quad(subject, label, ox.Literal(f"statement {i} — ü", language="en"), graph))
    store.bulk_extend(quads)
    store.flush()
    del store
    return location


def timed(function, repeat: int = 1) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return times


def in_process(location: Path) -> dict[str, float]:
    opened: list[ox.Store] = []

    def start() -> None:
        opened.append(ox.Store.read_only(str(location)))
        small()

    def small() -> None:
        result = opened[0].query(SMALL, use_default_graph_as_union=True)
        assert isinstance(result, ox.QuerySolutions)
        list(result)

    def tiny() -> None:
        result = opened[0].query(TINY, use_default_graph_as_union=True)
        assert isinstance(result, ox.QuerySolutions)
        [(from_oxigraph(solution[0]), from_oxigraph(solution[1])) for solution in result]

    def large() -> None:
        result = opened[0].query(LARGE, use_default_graph_as_union=True)
        assert isinstance(result, ox.QuerySolutions)
        [(from_oxigraph(solution[0]), from_oxigraph(solution[1]), from_oxigraph(solution[2])) for solution in result]

    return {
        "start": timed(start)[0],
        "tiny": statistics.median(timed(tiny, 500)),
        "small": statistics.median(timed(small, 200)),
        "large": timed(large)[0],
    }


def child(location: Path, rows: int) -> dict[str, float]:
    store = EmbeddedStore(location)
    try:
        figures = {
            "start": timed(lambda: store.select(SMALL))[0],
            "tiny": statistics.median(timed(lambda: store.select(TINY), 500)),
            "small": statistics.median(timed(lambda: store.select(SMALL), 200)),
            "large": timed(lambda: store.select(LARGE, limit=rows))[0],
        }
    finally:
        store.close()
    return figures


def main() -> None:
    triples = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    location = make_store(triples)
    try:
        base, ours = in_process(location), child(location, triples)
    finally:
        shutil.rmtree(location, ignore_errors=True)
    # The gate caches parse trees by text: a fresh text each time measures the uncached cost.
    fresh = (f"{TINY}\n# {n}" for n in itertools.count())
    check = statistics.median(timed(lambda: safety.bind(next(fresh)), 300))
    print(f"embedded store, {triples} triples; baseline = pyoxigraph in this process (no timeout possible)")
    print(f"{'':<22}{'baseline':>12}{'child':>12}{'ratio':>8}")
    for key, label in (
        ("start", "start"),
        ("tiny", "tiny (2 rows)"),
        ("small", "count 50k"),
        ("large", f"large ({triples} rows)"),
    ):
        print(f"{label:<22}{base[key] * 1000:>10.2f}ms{ours[key] * 1000:>10.2f}ms{ours[key] / base[key]:>7.1f}x")
    print(f"of which the safety gate (parse, write, parse again) per new query text: {check * 1000:.2f}ms")


if __name__ == "__main__":
    main()
