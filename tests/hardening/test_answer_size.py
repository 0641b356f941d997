"""Answers have a byte cap: a huge answer is refused while it is read, not held whole (issue 9).

The server streams a SPARQL JSON answer far larger than the cap given, within the rows asked for
(reading stops at the row limit, so the rows are long); the call must stop with one line naming
the cap instead of reading it all.
"""

from pathlib import Path

import pytest

from govgraph import loading
from govgraph.errors import GovgraphError
from govgraph.source import open_store
from govgraph.store import EmbeddedStore, temporary_store
from tests.conftest import run_cli
from tests.hardening.faulty_server import head, select_json, serving

ROWS = 20_000  # about 7 MB of JSON, 3.5 MB of it in the first 10,000 rows (the default row limit)
CAP_MB = 1


def huge_answer(send) -> None:
    send(head())
    for chunk in select_json(["s"], ({"s": f"row {index} " + "x" * 300} for index in range(ROWS))):
        send(chunk)


def test_api_refuses_an_answer_over_the_cap() -> None:
    with serving(huge_answer) as server:
        with pytest.raises(GovgraphError, match=r"larger than 1 MB \(the answer size cap\)") as caught:
            open_store(server.url, max_answer_bytes=CAP_MB * 1_000_000).select("SELECT ?s WHERE { ?s ?p ?o }")
    assert "\n" not in str(caught.value)


def test_cli_refuses_an_answer_over_the_cap(tmp_path: Path) -> None:
    query = tmp_path / "all.rq"
    query.write_text("SELECT ?s WHERE { ?s ?p ?o }\n", encoding="utf-8")
    with serving(huge_answer) as server:
        result = run_cli("query", str(query), "--endpoint", server.url, "--max-answer-mb", str(CAP_MB), timeout=60)
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith("govgraph: error: the answer from")
    assert "larger than 1 MB (the answer size cap)" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_an_answer_under_the_cap_is_read_whole() -> None:
    small = lambda send: [send(chunk) for chunk in [head(), *select_json(["s"], [{"s": "one"}, {"s": "two"}])]]
    with serving(small) as server:
        table = open_store(server.url, max_answer_bytes=1000).select("SELECT ?s WHERE { ?s ?p ?o }")
    assert [str(row[0]) for row in table.rows] == ["one", "two"]


def test_embedded_store_has_the_same_cap() -> None:
    with temporary_store(loading.load_store().quads_for_pattern(None, None, None)) as seed:
        assert isinstance(seed, EmbeddedStore)
        with open_store(location=seed.location, max_answer_bytes=10_000) as store:
            with pytest.raises(GovgraphError, match=r"larger than 0.01 MB \(the answer size cap\)"):
                store.select("SELECT * WHERE { ?s ?p ?o }")
            assert len(store.select("SELECT * WHERE { ?s ?p ?o } LIMIT 3")) == 3
