"""The workbench shows a saved question's rows a page at a time, fetching one page per run of the page.

AppTest on the real seed store: the rows of every page, put together, are the question's whole
answer as the API gives it, and what the page holds in its session is only the page shown.
"""

from __future__ import annotations

from pathlib import Path

from govgraph import queries
from govgraph.source import open_store
from govgraph.store import ResultTable
from tests.app_fixtures import ok

pytest_plugins = ["tests.app_fixtures"]

QUESTION = "statements-matching-text"  # the default word matches several statements on the seed
PAGE = 2


def _shown(at) -> list[tuple]:
    """The page's rows as the API gives them (the table shows names; the session keeps the terms)."""
    return [tuple(row) for row in at.session_state["workbench.result"].rows]


def test_a_saved_question_pages_through_its_whole_answer(app_page, seed_store: Path) -> None:
    with open_store(location=seed_store) as store:
        whole = queries.find_query(QUESTION).run(store)
    assert isinstance(whole, ResultTable)
    assert len(whole.rows) > 2 * PAGE  # at least three pages

    at = app_page("workbench", seed_store)
    ok(at)
    at.selectbox(key="workbench.question").set_value(QUESTION)
    ok(at)
    at.number_input(key="workbench.limit").set_value(PAGE)
    at.button(key="workbench.run").click()
    ok(at)
    pages = [_shown(at)]
    assert len(at.dataframe[0].value) == PAGE  # one page fetched and shown, not the whole answer
    assert any(f"Rows 1–{PAGE}" in str(m.value) for m in at.markdown)
    while not at.button(key="workbench.next").disabled:
        at.button(key="workbench.next").click()
        ok(at)
        pages.append(_shown(at))
        assert 0 < len(pages[-1]) <= PAGE
    assert [row for page in pages for row in page] == [tuple(row) for row in whole.rows]

    at.button(key="workbench.previous").click()
    ok(at)
    assert _shown(at) == pages[-2]
    ok(at)  # a run that changes nothing fetches nothing: the same page stays
    assert _shown(at) == pages[-2]
