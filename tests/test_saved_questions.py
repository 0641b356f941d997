"""Every saved question in queries/ gives its hand-worked answer on the seed, on all three stores.

The expected rows (tests/saved_question_answers.py) were worked out by reading the source text
(data/sources/g7-2023-digital-annex4.txt) and the curated files (data/statements/…ttl,
data/reference/*.ttl), not copied from query output. Each case runs on the embedded store, on a
real Oxigraph server and on Virtuoso 7 (see tests/queries_stores.py), which must all give exactly
the rows written there, in this order.
"""

from __future__ import annotations

import functools
import hashlib
import shutil
from pathlib import Path

import pytest

from govgraph import paths, queries

pytest_plugins = ["tests.servers", "tests.queries_stores"]

from tests.query_rows import rows  # noqa: E402
from tests.saved_question_answers import ASK_CASES, CASES, COMMITMENTS, QUOTE, SOURCE, stmt  # noqa: E402


@functools.cache
def saved_query(name: str) -> queries.SavedQuery:
    """Each question read (and its text checked) once: parsing dominates the cost of a test."""
    return queries.find_query(name)


def _case_id(case: tuple[str, dict[str, str], object]) -> str:
    name, params = case[0], case[1]
    return name + "".join(f"[{k}={v.rsplit(':', 1)[-1] if ':' in v else v}]" for k, v in params.items())


@pytest.mark.server
@pytest.mark.parametrize("case", CASES, ids=[_case_id(c) for c in CASES])
def test_question_answers(case: tuple, seed_ready) -> None:
    name, params, expected = case
    table = saved_query(name).run(seed_ready, params)
    assert rows(table) == expected


@pytest.mark.server
@pytest.mark.parametrize("case", ASK_CASES, ids=[_case_id(c) for c in ASK_CASES])
def test_ask_answers(case: tuple, seed_ready) -> None:
    name, params, expected = case
    assert saved_query(name).run(seed_ready, params) is expected


def test_every_question_has_an_expected_answer() -> None:
    answered = {case[0] for case in CASES} | {case[0] for case in ASK_CASES}
    assert {saved.name for saved in queries.list_queries()} == answered


def test_every_question_has_title_description_and_parameter_defaults() -> None:
    saved_queries = queries.list_queries()
    assert len(saved_queries) >= 20
    for saved in saved_queries:
        assert saved.title and saved.title != saved.name, saved.name
        assert saved.description, saved.name
        for param in saved.params:
            assert param.default is not None and param.help, (saved.name, param.name)
        # kebab-case names
        assert saved.name == saved.name.lower() and "_" not in saved.name and " " not in saved.name


def test_quotes_are_verbatim_in_the_source() -> None:
    text = SOURCE.read_text(encoding="utf-8")
    for key, quote in QUOTE.items():
        assert quote in text, key
    assert len(QUOTE) == 16 and len(COMMITMENTS) == 13


def test_provenance_offsets_and_hash_match_the_source() -> None:
    """The offsets and hash expected from commitment-provenance point at the quote in the very file."""
    raw = SOURCE.read_bytes()
    text = raw.decode("utf-8")
    assert text[2490:2657] == QUOTE["p4-s3"]
    assert text[970:1038] == QUOTE["p1-s2-c2"]
    assert hashlib.sha256(raw).hexdigest() == "5251de6fdef382164041676b588279824307ea60fcf5b1090c6aaf2672a6c56a"


def test_question_files_live_in_queries_dir(tmp_path: Path) -> None:
    """A question is an .rq file directly in queries/: one added there is listed, a check in checks/ is not."""
    listed = queries.list_queries()
    assert listed and all(saved.path.parent == paths.QUERIES_DIR for saved in listed)
    folder = tmp_path / "queries"
    shutil.copytree(paths.QUERIES_DIR, folder)
    (folder / "new-question.rq").write_text("# title: New\nSELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
    (folder / "checks" / "new-check.rq").write_text("# title: Check\nSELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
    assert {saved.name for saved in queries.list_queries(folder)} == {saved.name for saved in listed} | {"new-question"}


def test_lineage_lists_the_earlier_item_when_the_graph_records_one(seed_quads) -> None:
    """With ¶4.2 building on the Tunis Agenda and ¶5.1 (a call for, not a reaffirmation) reaffirming
    ¶2.3, both links appear beside the two plain reaffirmations."""
    import pyoxigraph as ox

    from govgraph.namespaces import DOC, GG, STMT
    from govgraph.store import temporary_store

    graph = ox.NamedNode("https://w3id.org/govgraph/graph/test-lineage")
    extra = [
        ox.Quad(
            ox.NamedNode(STMT + "g7-2023-digital-annex4-p4-s2"),
            ox.NamedNode(GG.buildsOn),
            ox.NamedNode(DOC + "wsis-tunis-agenda"),
            graph,
        ),
        ox.Quad(
            ox.NamedNode(STMT + "g7-2023-digital-annex4-p5-s1"),
            ox.NamedNode(GG.reaffirms),
            ox.NamedNode(STMT + "g7-2023-digital-annex4-p2-s3"),
            graph,
        ),
    ]
    with temporary_store(seed_quads + extra) as store:
        table = saved_query("reaffirmations-and-lineage").run(store)
    assert rows(table) == [
        (stmt("p2-s3"), 2, "reaffirm", None, None, QUOTE["p2-s3"]),
        (stmt("p4-s2"), 4, "reaffirm", "gg:buildsOn", "doc:wsis-tunis-agenda", QUOTE["p4-s2"]),
        (stmt("p5-s1"), 5, "call for", "gg:reaffirms", stmt("p2-s3"), QUOTE["p5-s1"]),
    ]
