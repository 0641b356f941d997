"""A saved question asked for page after page gives, pages concatenated, exactly its whole answer.

Each page is rows [offset, offset+size) of the question's own order, and says whether more
rows follow (`truncated`). Checked for every saved SELECT with each parameter set of
tests/saved_question_answers.py, on the embedded store and on a real Oxigraph server.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
import pytest

from govgraph import queries
from govgraph.source import open_store
from govgraph.store import RemoteStore, ResultTable, Store, temporary_store

pytest_plugins = ["tests.servers", "tests.queries_stores"]

from tests.saved_question_answers import CASES  # noqa: E402

PAGE_SIZE = 2


@pytest.fixture(scope="module", params=["embedded", pytest.param("oxigraph", marks=pytest.mark.server)])
def store(request: pytest.FixtureRequest, seed_quads: list[ox.Quad]) -> Iterator[Store]:
    if request.param == "embedded":
        with temporary_store(seed_quads) as embedded:
            yield embedded
        return
    remote = open_store(request.getfixturevalue("oxigraph_url"))
    assert isinstance(remote, RemoteStore)
    yield remote
    # Tests elsewhere publish their own fixtures to the same server: leave none of the seed there.
    remote.drop_graphs(sorted({quad.graph_name.value for quad in seed_quads if isinstance(quad.graph_name, ox.NamedNode)}))
    remote.close()


def _pages(saved: queries.SavedQuery, store: Store, params: dict[str, str]) -> list[ResultTable]:
    pages: list[ResultTable] = []
    while not pages or pages[-1].truncated:
        page = saved.run(store, params, limit=PAGE_SIZE, offset=PAGE_SIZE * len(pages))
        assert isinstance(page, ResultTable)
        pages.append(page)
    return pages


@pytest.mark.parametrize("name, params", [(name, params) for name, params, _ in CASES], ids=lambda v: str(v))
def test_pages_put_together_are_the_whole_answer(
    name: str, params: dict[str, str], store: Store, seed_quads: list[ox.Quad]
) -> None:
    if isinstance(store, RemoteStore):  # the server is shared: make sure it holds the seed right now
        from tests.queries_stores import republish  # imported once pytest has loaded it as a plugin

        republish(store, seed_quads)
    saved = queries.find_query(name)
    whole = saved.run(store, params)
    assert isinstance(whole, ResultTable) and not whole.truncated
    pages = _pages(saved, store, params)
    assert all(len(page) == PAGE_SIZE for page in pages[:-1])
    assert len(pages[-1]) <= PAGE_SIZE
    assert [row for page in pages for row in page.rows] == whole.rows
    assert pages[0].variables == whole.variables
