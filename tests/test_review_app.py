"""The app's Review page: a real draft reviewed through Streamlit's AppTest, every change in the file."""

from html import unescape
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import RDF

from govgraph import paths
from govgraph.ingest.revise import Draft
from govgraph.namespaces import GG, INITIATIVE, STMT
from tests.app_fixtures import ok
from tests.conftest import run_cli

pytest_plugins = ["tests.app_fixtures"]

COMMUNIQUE = Path(__file__).parent / "fixtures" / "review" / "g7-digital-communique-fixture.txt"


@pytest.fixture
def draft(project_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The communiqué fixture ingested into a project copy, which the page reads as its data/."""
    ingested = run_cli("ingest", str(COMMUNIQUE), "--id", "communique", "--date", "2024-03-15", home=project_copy)
    assert ingested.returncode == 0, ingested.stderr
    monkeypatch.setattr(paths, "DATA_DIR", project_copy / "data")
    return project_copy / "data" / "drafts" / "communique.ttl"


def _candidate(draft: Path, words: str) -> str:
    return next(c.id for c in Draft(draft).candidates() if words in c.label)


def test_the_page_says_when_there_is_no_draft(app_page, seed_store, tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "DATA_DIR", tmp_path / "data")
    at = ok(app_page("review", seed_store))
    assert any("No drafts under data/drafts/" in unescape(i.value) for i in at.info)


def test_a_draft_is_reviewed_and_merged_on_the_page(app_page, seed_store, draft):
    at = ok(app_page("review", seed_store))
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Statements"] == "5" and metrics["Candidates to resolve"] == "2" and metrics["Violations"] == "0"
    shown = "\n".join(str(m.value) for m in at.markdown)
    # The quote in its paragraph, marked, with the entities it names highlighted and linked.
    assert "<mark>" in shown and "gg-entity" in shown and "forum%2Figf" in shown

    at.button(key="review.accept.communique-p2-s1-c1").click()
    ok(at)
    at.toggle(key="review.commitment.communique-p4-s1").set_value(False)
    ok(at)
    at.button(key="review.set-commitment.communique-p4-s1").click()
    ok(at)
    at.button(key="review.reject.communique-p3-s1").click()
    ok(at)
    pgii = _candidate(draft, "Global Infrastructure Investment")
    name = next(o for o in at.selectbox(key=f"review.resolve.{pgii}").options if o.endswith("— initiative:pgii"))
    at.selectbox(key=f"review.resolve.{pgii}").set_value(name)
    ok(at)
    at.button(key=f"review.do-resolve.{pgii}").click()
    ok(at)
    alliance = _candidate(draft, "Blue Harbour")
    at.selectbox(key=f"review.class.{alliance}").set_value("Organisation")
    at.text_input(key=f"review.name.{alliance}").set_value("Blue Harbour Alliance")
    ok(at)
    at.button(key=f"review.create.{alliance}").click()
    ok(at)
    assert any("Created" in s.value for s in at.success)

    graph = Graph().parse(draft)
    assert float(graph.value(STMT["communique-p2-s1-c1"], GG.confidence)) == 1.0
    assert (STMT["communique-p4-s1"], RDF.type, GG.Commitment) not in graph
    assert (STMT["communique-p3-s1"], None, None) not in graph
    assert (STMT["communique-p5-s1"], GG.initiative, INITIATIVE.pgii) in graph
    assert not list(graph.subjects(RDF.type, GG.CandidateEntity))
    assert {m.label: m.value for m in at.metric}["Candidates to resolve"] == "0"

    at.button(key="review.merge").click()
    ok(at)
    assert any("Merged into communique.ttl" in unescape(s.value) for s in at.success), [e.value for e in at.error]
    assert (draft.parents[1] / "statements" / "communique.ttl").is_file() and not draft.exists()
    assert any("No drafts" in i.value for i in at.info)


def test_a_span_is_fixed_and_a_merge_with_candidates_is_refused_on_the_page(app_page, seed_store, draft):
    at = ok(app_page("review", seed_store))
    first = STMT["communique-p2-s1-c1"]
    start = int(Graph().parse(draft).value(first, GG.startOffset))
    at.number_input(key="review.end.communique-p2-s1-c1").set_value(start + 40)
    ok(at)
    at.button(key="review.span.communique-p2-s1-c1").click()
    ok(at)
    graph = Graph().parse(draft)
    text = (draft.parent / "communique.txt").read_text(encoding="utf-8")
    assert int(graph.value(first, GG.endOffset)) == start + 40 and str(graph.value(first, GG.quote)) == text[start : start + 40]

    before = draft.read_bytes()
    at.button(key="review.merge").click()
    ok(at)
    refused = " ".join(unescape(e.value) for e in at.error)
    assert "2 unresolved candidate entities" in refused and "Blue Harbour Alliance" in refused
    assert draft.read_bytes() == before and not (draft.parents[1] / "statements" / "communique.ttl").exists()
