"""Streamed SELECTs from a SPARQL server: rows are read as the answer arrives (real loopback servers, no mocks)."""

import json
import threading

import pytest
from rdflib import BNode, Literal, URIRef

from govgraph.errors import GovgraphError
from govgraph.source import open_store
from govgraph.store import DEFAULT_MAX_ANSWER_BYTES, Store
from tests.hardening.faulty_server import head, select_json, serving

CHUNK_ROWS = 100
QUERY = "SELECT ?s WHERE { ?s ?p ?o }"


def remote(url: str, max_answer_bytes: int = DEFAULT_MAX_ANSWER_BYTES) -> Store:
    store = open_store(url, max_answer_bytes=max_answer_bytes)
    store.chunk_rows = CHUNK_ROWS
    return store


def rows(count: int, width: int = 0) -> list[dict[str, str]]:
    return [{"s": f"row {index:04d} " + "x" * width} for index in range(count)]


def test_rows_arrive_before_the_answer_ends() -> None:
    """The server holds back the end of its answer until the client has its first chunk."""
    release = threading.Event()

    def answer(send) -> None:
        parts = select_json(["s"], rows(3 * CHUNK_ROWS))
        send(head() + b"".join(next(parts) for _ in range(1 + 2 * CHUNK_ROWS)))
        release.wait(60)
        for part in parts:
            send(part)

    with serving(answer) as server:
        selection = remote(server.url).stream(QUERY)
        chunks = iter(selection)
        first = next(chunks)
        held_back = not release.is_set()
        release.set()
        rest = [row for chunk in chunks for row in chunk]
    assert held_back
    assert first[0] == (Literal("row 0000 "),)
    assert len(first) + len(rest) == 3 * CHUNK_ROWS
    assert not selection.truncated


def test_the_size_cap_bounds_each_chunk_of_a_stream_and_the_whole_answer_of_select() -> None:
    answer = lambda send: [send(part) for part in [head(), *select_json(["s"], rows(3 * CHUNK_ROWS, width=1000))]]
    with serving(answer) as server:
        store = remote(server.url, max_answer_bytes=150_000)  # a chunk is about 100 kB, the answer about 310 kB
        with store.stream(QUERY) as selection:
            assert sum(map(len, selection)) == 3 * CHUNK_ROWS
        with pytest.raises(GovgraphError, match=r"larger than 0.15 MB \(the answer size cap\)"):
            store.select(QUERY)


def test_reading_stops_at_the_row_limit() -> None:
    answer = lambda send: [send(part) for part in [head(), *select_json(["s"], rows(3 * CHUNK_ROWS))]]
    with serving(answer) as server:
        selection = remote(server.url).stream(QUERY, limit=CHUNK_ROWS + 1, values=True)
        got = list(selection.rows())
    assert got[-1] == (f"row {CHUNK_ROWS:04d} ",)
    assert len(got) == CHUNK_ROWS + 1 and selection.truncated


def test_the_time_limit_covers_the_whole_stream() -> None:
    """The first chunk comes at once, then the server stalls: the stream stops at its deadline."""
    stalled = threading.Event()

    def answer(send) -> None:
        parts = select_json(["s"], rows(3 * CHUNK_ROWS))
        send(head() + b"".join(next(parts) for _ in range(1 + 2 * CHUNK_ROWS)))
        stalled.wait(60)

    with serving(answer) as server:
        selection = remote(server.url).stream(QUERY, timeout=1)
        chunks = iter(selection)
        assert len(next(chunks)) == CHUNK_ROWS
        with pytest.raises(GovgraphError, match=r"query stopped after 1 s \(the time limit\)"):
            for _ in chunks:
                pass
        stalled.set()


def test_virtuoso_terms_and_a_head_after_the_results() -> None:
    """Virtuoso labels blank nodes nodeID://… and types literals as typed-literal; the head may come last in JSON."""
    bindings = [
        {"s": {"type": "bnode", "value": "nodeID://b10001"}},
        {"s": {"type": "typed-literal", "value": "2030", "datatype": "http://www.w3.org/2001/XMLSchema#gYear"}},
        {"s": {"type": "uri", "value": "https://w3id.org/govgraph/id/forum/igf"}},
        {},
    ]
    body = json.dumps({"results": {"bindings": bindings}, "head": {"vars": ["s"]}}).encode()
    with serving(lambda send: send(head() + body)) as server:
        table = remote(server.url).select(QUERY)
        with remote(server.url).stream(QUERY, values=True) as selection:
            values = list(selection.rows())
    assert [row[0] for row in table.rows] == [
        BNode("nodeID://b10001"),
        Literal("2030", datatype=URIRef("http://www.w3.org/2001/XMLSchema#gYear")),
        URIRef("https://w3id.org/govgraph/id/forum/igf"),
        None,
    ]
    assert values == [("nodeID://b10001",), ("2030",), ("https://w3id.org/govgraph/id/forum/igf",), (None,)]
