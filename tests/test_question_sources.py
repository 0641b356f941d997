"""Files read afresh give the rows of the built store, for every saved question.

A files source (`--input`, queried in memory) derives the derived graph as `build` does
(`govgraph.derived`), so it and the embedded store of the built quads give the same rows;
tests/test_derived.py shows that the questions reading that graph give the rows of their plain
forms, and tests/test_saved_questions.py the hand-worked rows on an Oxigraph server and Virtuoso.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from govgraph.queries import list_queries
from govgraph.source import GraphSource
from govgraph.store import ResultTable, Store, temporary_store

pytest_plugins = ["tests.queries_stores"]  # seed_quads


@pytest.fixture(scope="module")
def both(seed_quads: list[ox.Quad]):
    with temporary_store(seed_quads) as embedded, GraphSource.from_files().store() as files:
        yield embedded, files


def _rows(store: Store, name: str) -> object:
    answer = next(q for q in list_queries() if q.name == name).run(store)
    return [tuple(row) for row in answer.rows] if isinstance(answer, ResultTable) else answer


@pytest.mark.parametrize("name", [q.name for q in list_queries()])
def test_files_and_the_embedded_store_give_the_same_rows(name: str, both: tuple[Store, Store]) -> None:
    embedded, files = both
    rows = _rows(embedded, name)
    assert rows  # every question has an answer on the seed
    assert _rows(files, name) == rows
