"""Streamed SELECTs (`Store.stream`): rows in chunks as the store sends them, with the same bounds as `select`.

Real stores only: an in-process pyoxigraph store and an embedded store (its own query process),
both holding ROWS generated triples, more than two chunks of CHUNK_ROWS (small, so the tests are quick).
"""

from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from govgraph.errors import GovgraphError
from govgraph.store import MemoryStore, Store, temporary_store

CHUNK_ROWS = 100
ROWS = 2 * CHUNK_ROWS + 50
ALL = "SELECT ?s ?o WHERE { ?s <urn:p> ?o } ORDER BY ?s"
#: 200^5 rows, produced lazily: a stream that would run for hours.
VALUES_200 = " ".join(str(i) for i in range(1, 201))
ENDLESS = "SELECT * WHERE { " + " ".join(f"VALUES ?{v} {{ {VALUES_200} }}" for v in "abcde") + " }"


def generated() -> list[ox.Quad]:
    return [
        ox.Quad(ox.NamedNode(f"urn:s{index:06d}"), ox.NamedNode("urn:p"), ox.Literal(f"value {index}"), ox.NamedNode("urn:g"))
        for index in range(ROWS)
    ]


@pytest.fixture(scope="module", params=["memory", "embedded"])
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    if request.param == "memory":
        memory = ox.Store()
        memory.extend(generated())
        yield chunked(MemoryStore(memory))
        return
    with temporary_store(generated()) as embedded:
        yield chunked(embedded)


def chunked(store: Store) -> Store:
    store.chunk_rows = CHUNK_ROWS
    return store


def test_stream_gives_the_rows_of_select_in_chunks(store: Store) -> None:
    with store.stream(ALL, limit=ROWS) as selection:
        assert selection.variables == ["s", "o"]
        chunks = list(selection)
    assert [len(chunk) for chunk in chunks] == [CHUNK_ROWS, CHUNK_ROWS, ROWS - 2 * CHUNK_ROWS]
    assert not selection.truncated
    rows = [row for chunk in chunks for row in chunk]
    assert rows == store.select(ALL, limit=ROWS).rows
    assert rows[0] == (URIRef("urn:s000000"), Literal("value 0"))


def test_values_are_the_lexical_forms(store: Store) -> None:
    with store.stream(ALL, limit=ROWS, values=True) as selection:
        rows = list(selection.rows())
    assert len(rows) == ROWS
    assert rows[-1] == (f"urn:s{ROWS - 1:06d}", f"value {ROWS - 1}")
    assert all(type(value) is str for row in rows for value in row)


def test_unbound_values_are_none(store: Store) -> None:
    query = "SELECT ?s ?missing WHERE { ?s <urn:p> ?o OPTIONAL { ?s <urn:nothing> ?missing } } LIMIT 2"
    with store.stream(query, values=True) as selection:
        assert [row[1] for row in selection.rows()] == [None, None]


@pytest.mark.parametrize("limit, truncated", [(CHUNK_ROWS + 1, True), (ROWS, False), (ROWS - 1, True)])
def test_the_row_limit_cuts_the_stream_and_says_so(store: Store, limit: int, truncated: bool) -> None:
    selection = store.stream(ALL, limit=limit)
    rows = list(selection.rows())
    assert len(rows) == min(limit, ROWS)
    assert selection.truncated is truncated


def test_a_stream_left_early_leaves_the_store_usable(store: Store) -> None:
    with store.stream(ALL, limit=ROWS) as selection:
        first = next(iter(selection))
    assert len(first) == CHUNK_ROWS
    assert len(store.select(ALL, limit=ROWS)) == ROWS
    with store.stream(ALL, limit=ROWS) as again:
        assert sum(map(len, again)) == ROWS


def test_the_time_limit_covers_the_whole_stream() -> None:
    """The first chunks come at once; the stream is still stopped at its deadline, and the store recovers."""
    with temporary_store(generated()) as embedded:
        chunked(embedded)
        selection = embedded.stream(ENDLESS, timeout=1, limit=10**12)
        with pytest.raises(GovgraphError, match=r"stopped after 1 s \(the time limit\)"):
            for _ in selection:
                pass
        assert len(embedded.select(ALL, limit=ROWS)) == ROWS


def test_the_size_cap_bounds_the_whole_answer_of_select_and_each_chunk_of_a_stream() -> None:
    with temporary_store(generated()) as embedded:
        chunked(embedded)
        embedded.max_answer_bytes = 10_000  # a chunk of 100 rows pickles to about 4 kB; the answer to about 10.5 kB
        with pytest.raises(GovgraphError, match=r"larger than 0.01 MB \(the answer size cap\)"):
            embedded.select(ALL, limit=ROWS)
        with embedded.stream(ALL, limit=ROWS) as selection:
            assert sum(map(len, selection)) == ROWS
        embedded.max_answer_bytes = 1_000
        with pytest.raises(GovgraphError, match=r"larger than 0.001 MB \(the answer size cap\)"):
            list(embedded.stream(ALL, limit=ROWS))


def test_a_query_error_is_one_line(store: Store) -> None:
    with pytest.raises(GovgraphError, match="query failed") as caught:
        list(store.stream("SELECT ?s WHERE { ?s ?p ?o FILTER(<urn:nofunction>(?o)) }").rows())
    assert "\n" not in str(caught.value)
