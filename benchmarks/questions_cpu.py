"""Saved questions in one process, CPU ms: the whole answer, the first page of 100, and the plain form.

On a busy machine wall-clock latencies move 2–4x between runs; CPU time in one process, on one
in-memory store (ontology + data of a home, with its derived graph), compares the shapes
themselves. Each question's first page must be the first rows of its whole answer, and a
question's plain form (queries/plain/) must give the same rows as the form reading the derived
graph: the script stops with an AssertionError otherwise.

Usage: PYTHONPATH=src python benchmarks/questions_cpu.py HOME [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from govgraph import derived, loading, paths
from govgraph.queries import list_queries
from govgraph.store import MemoryStore, ResultTable

PAGE_SIZE = 100


def _cpu_ms(run: Callable[[], ResultTable], runs: int) -> tuple[float, ResultTable]:
    """The median CPU milliseconds of `runs` calls, and the last answer."""
    times = []
    for _ in range(runs):
        started = time.process_time()
        answer = run()
        times.append(time.process_time() - started)
    return statistics.median(times) * 1000, answer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("home", type=Path, help="a GOVGRAPH_HOME, e.g. made by benchmarks/synthetic.py")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    store = loading.load_store([args.home / "ontology" / "govgraph.ttl"] + paths.data_files(args.home / "data"))
    started = time.process_time()
    written = derived.derive(store)
    print(f"derived graph: {written:,} triples in {time.process_time() - started:.2f} CPU s\n")
    memory = MemoryStore(store)
    print("| question | rows | whole answer | first page of 100 | plain form |\n|---|---:|---:|---:|---:|")
    for question in list_queries():
        if question.form != "SELECT":
            continue
        bindings = question.bindings()
        whole_ms, whole = _cpu_ms(partial(memory.select, question.text, bindings, limit=10**8), args.runs)
        page_ms, page = _cpu_ms(partial(memory.select, question.text, bindings, limit=PAGE_SIZE, offset=0), args.runs)
        assert page.rows == whole.rows[:PAGE_SIZE], question.name
        plain = "–"
        if question.plain is not None:
            plain_ms, answer = _cpu_ms(partial(memory.select, question.plain, bindings, limit=10**8), args.runs)
            assert answer.rows == whole.rows, question.name
            plain = f"{plain_ms:,.1f}"
        print(f"| {question.name} | {len(whole):,} | {whole_ms:,.1f} | {page_ms:,.1f} | {plain} |", flush=True)


if __name__ == "__main__":
    main()
