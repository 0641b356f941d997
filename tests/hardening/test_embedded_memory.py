"""The embedded query process has a memory cap, not just a time limit (issue 9).

An ORDER BY over a cross product grows by hundreds of MB a second; with a small cap it must
stop with one line naming the cap well before its (generous) time limit.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest

from govgraph import loading
from govgraph.errors import GovgraphError
from govgraph.source import open_store
from govgraph.store import EmbeddedStore, temporary_store
from tests.conftest import run_cli

CROSS_PRODUCT = "SELECT ?a ?b ?c WHERE { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z } ORDER BY ?a ?b ?c ?x ?y ?z LIMIT 5"
CAP_MB = 200


@pytest.fixture(scope="module")
def seed_store() -> Iterator[EmbeddedStore]:
    with temporary_store(loading.load_store().quads_for_pattern(None, None, None)) as store:
        assert isinstance(store, EmbeddedStore)
        yield store


def test_api_stops_a_query_over_the_memory_cap(seed_store: EmbeddedStore) -> None:
    with open_store(location=seed_store.location, max_memory_bytes=CAP_MB * 1_000_000) as store:
        with pytest.raises(GovgraphError, match=r"needed more than 200 MB of memory \(the memory cap\)") as caught:
            store.select(CROSS_PRODUCT, timeout=120)
        assert "\n" not in str(caught.value)
        # The store answers the next query with a fresh child.
        assert store.ask("ASK { ?s ?p ?o }")


def test_cli_stops_a_query_over_the_memory_cap(seed_store: EmbeddedStore, tmp_path: Path) -> None:
    query = tmp_path / "cross.rq"
    query.write_text(CROSS_PRODUCT + "\n", encoding="utf-8")
    result = run_cli(
        "query", str(query), "--store", str(seed_store.location), "--timeout", "120", "--max-memory-mb", str(CAP_MB), timeout=150
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        f"govgraph: error: the query needed more than {CAP_MB} MB of memory (the memory cap) on the embedded store; "
        "narrow the query or raise --max-memory-mb"
    ]
