"""Validation and the data-quality checks grow linearly with the graph, never pairwise.

A pairwise self-join (two resources of a class with one label) made a 300k-triple build take
twelve minutes. Both sizes are measured in the same run and only their ratio is asserted:
ten times the triples may cost at most 25 times the CPU time (a quadratic check costs ~100 times).
CPU time of this process (the in-process store runs here), not wall time, which other work on a
busy machine stretches for one size and not the other.
"""

import time
from pathlib import Path

from govgraph import loading, paths
from govgraph.validate import validate_store

SMALL, LARGE = 10_000, 100_000
MAX_RATIO = 25


def _validation_seconds(home: Path) -> float:
    """CPU seconds to load the synthetic graph's files and run the shapes and every check on them."""
    files = [home / "ontology" / "govgraph.ttl"] + paths.data_files(home / "data")
    store = loading.load_store(files)
    started = time.process_time()
    report = validate_store(store, files[1:])
    elapsed = time.process_time() - started
    assert report.conforms, report.violations[:3]
    return elapsed


def test_validation_of_ten_times_the_triples_costs_about_ten_times_the_time(tmp_path: Path) -> None:
    from benchmarks.synthetic import generate

    small = generate(tmp_path / "small", triples=SMALL, seed=5, source_root=paths.PROJECT_ROOT)
    large = generate(tmp_path / "large", triples=LARGE, seed=5, source_root=paths.PROJECT_ROOT)
    _validation_seconds(small.home)  # warm up: imports, compiled shapes, caches
    small_seconds = _validation_seconds(small.home)
    large_seconds = _validation_seconds(large.home)
    ratio = large_seconds / small_seconds
    print(f"{small.triples} triples: {small_seconds:.2f} s; {large.triples} triples: {large_seconds:.2f} s; ratio {ratio:.1f}")
    assert large.triples >= 8 * small.triples
    assert ratio <= MAX_RATIO, f"validation grew {ratio:.1f}x for {large.triples / small.triples:.1f}x the triples"
