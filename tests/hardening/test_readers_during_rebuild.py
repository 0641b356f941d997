"""Queries running while the graph is rebuilt all answer: a rebuild never swaps a store under a reader.

One of 490 concurrent queries during a rebuild failed with RocksDB "Sst file size mismatch",
and between the two renames of the old swap there was no build/store at all. Readers now open
the current version's folder, which a rebuild never changes, and the previous version stays.
"""

import threading
from pathlib import Path

import pytest

from govgraph.errors import GovgraphError
from govgraph.store import EmbeddedStore

from ..conftest import run_cli

REBUILDS = 10
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.mark.slow
def test_queries_during_rebuilds_all_answer(project_copy: Path) -> None:
    assert run_cli("build", home=project_copy).returncode == 0
    location = project_copy / "build" / "store"
    failures: list[str] = []
    answers = 0
    done = threading.Event()

    def rebuild() -> None:
        try:
            for _ in range(REBUILDS):
                result = run_cli("build", home=project_copy)
                if result.returncode != 0:
                    failures.append(result.stderr)
        finally:
            done.set()

    builder = threading.Thread(target=rebuild)
    long_lived = EmbeddedStore(location)
    builder.start()
    try:
        while not done.is_set():
            for fresh in (True, False):
                try:
                    store = EmbeddedStore(location) if fresh else long_lived
                    try:
                        count = int(store.select(COUNT, timeout=30).rows[0][0])
                    finally:
                        if fresh:
                            store.close()
                    assert count > 1000
                    answers += 1
                except GovgraphError as error:
                    failures.append(str(error))
    finally:
        builder.join()
        long_lived.close()
    assert not failures, failures[:3]
    assert answers >= 2 * REBUILDS
