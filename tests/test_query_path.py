"""One query path: every query goes through `Store`; govgraph's own text may skip the gate's parse, user text never.

The fixture's counts are those of tests/data/store-fixture.trig (see tests/store_data.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import URIRef

from govgraph import loading, paths, safety
from govgraph.errors import GovgraphError
from govgraph.safety import QueryRefused
from govgraph.stats import count_summary
from govgraph.store import EmbeddedStore, MemoryStore, TrustedQuery
from govgraph.validate import check_findings

pytest_plugins = ["tests.store_data"]

ROOT = Path(__file__).resolve().parents[1]
#: `.query(` on a pyoxigraph store or an rdflib graph; `Writer.query` (query_text) writes text, it runs nothing.
RUNS_A_QUERY = re.compile(r"\.query\(")
WRITES_TEXT = "Writer(tree[0], default_prefixes).query("
SERVICE = "SELECT ?s WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"


def test_no_module_outside_the_store_package_runs_a_query_itself() -> None:
    """Only src/govgraph/store/ calls pyoxigraph `Store.query` or rdflib `Graph.query`."""
    store_package = ROOT / "src" / "govgraph" / "store"
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for folder in (ROOT / "src", ROOT / "app")
        for path in sorted(folder.rglob("*.py"))
        if store_package not in path.parents
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if RUNS_A_QUERY.search(line) and WRITES_TEXT not in line
    ]
    assert offenders == []


def test_the_memory_store_answers_as_the_embedded_store(fixture_quads: list[ox.Quad], embedded: EmbeddedStore) -> None:
    memory = MemoryStore()
    memory.publish(fixture_quads)
    query = "SELECT ?s ?o WHERE { ?s gg:quote ?o } ORDER BY ?s"
    assert memory.select(query).rows == embedded.select(query).rows
    assert memory.select(TrustedQuery.of(query)).rows == embedded.select(TrustedQuery.of(query)).rows
    assert memory.graph_names() == embedded.graph_names()
    assert memory.triple_count() == embedded.triple_count() == 13 + 23 + 13


def test_a_trusted_query_is_cut_at_the_limit_and_says_so(fixture_quads: list[ox.Quad]) -> None:
    memory = MemoryStore()
    memory.publish(fixture_quads)
    table = memory.select(TrustedQuery.of("SELECT ?s ?p ?o WHERE { ?s ?p ?o }"), limit=5)
    assert len(table) == 5 and table.truncated


@pytest.mark.parametrize("store_kind", ["memory", "embedded"])
def test_user_text_takes_the_gate_on_every_store(store_kind: str, fixture_quads: list[ox.Quad], embedded: EmbeddedStore) -> None:
    store = embedded if store_kind == "embedded" else MemoryStore()
    with pytest.raises(QueryRefused, match="SERVICE"):
        store.select(SERVICE)
    with pytest.raises(QueryRefused):
        store.run("DELETE WHERE { ?s ?p ?o }")


def test_a_trusted_query_takes_no_parameters() -> None:
    with pytest.raises(GovgraphError, match="takes no parameters"):
        MemoryStore().select(TrustedQuery.of("SELECT ?s WHERE { ?s ?p ?o }"), {"s": URIRef("urn:x")})


def test_the_library_counts_without_parsing_through_the_gate() -> None:
    """stats' own queries are trusted: the gate's parser is not asked for any of them."""
    store = loading.load_store()
    before = safety._parsed.cache_info()
    counts = count_summary(store)
    after = safety._parsed.cache_info()
    assert counts["forums"] > 0
    assert (after.hits, after.misses) == (before.hits, before.misses)


def test_a_check_is_user_text_and_takes_the_gate(tmp_path: Path) -> None:
    """queries/checks/ is edited by users: a check with SERVICE is refused, naming its file."""
    checks = tmp_path / "checks"
    checks.mkdir()
    for source in sorted(paths.CHECKS_DIR.iterdir()):
        (checks / source.name).write_bytes(source.read_bytes())
    (checks / "phone-home.rq").write_text(
        "# title: Phone home\n# description: Sends the graph away.\n" + SERVICE + "\n", encoding="utf-8"
    )
    with pytest.raises(GovgraphError, match="phone-home.rq.*SERVICE"):
        check_findings(loading.load_store(), checks)


def test_no_module_that_takes_user_text_builds_a_trusted_query() -> None:
    """Saved questions, `govgraph query`, the workbench and the app hand text to the gate, never to TrustedQuery."""
    user_facing = [
        ROOT / "app",
        ROOT / "src" / "govgraph" / "commands",
        ROOT / "src" / "govgraph" / "queries.py",
        ROOT / "src" / "govgraph" / "explore" / "workbench.py",
    ]
    files = [p for place in user_facing for p in ([place] if place.is_file() else sorted(place.rglob("*.py")))]
    assert files
    assert [str(p.relative_to(ROOT)) for p in files if "TrustedQuery" in p.read_text(encoding="utf-8")] == []


def test_unreadable_reference_data_is_named_in_one_line(tmp_path: Path) -> None:
    """Ingest's reference lookups load the folder into a store: a broken file is an input error naming it."""
    from govgraph.errors import InputError
    from govgraph.ingest.reference import load_reference

    (tmp_path / "broken.ttl").write_text(
        "@prefix gg: <https://w3id.org/govgraph/ontology#> .\ngg:x a gg:Forum ;;; ]\n", encoding="utf-8"
    )
    with pytest.raises(InputError, match=r"broken\.ttl.*Turtle syntax error"):
        load_reference(tmp_path)
