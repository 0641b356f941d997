"""A reviewer sees why: the rule that decided each commitment, times with no date and each
candidate's proposed class travel from the extractor into the draft, `ingest --report`,
`govgraph review` and the Review page, and creating a candidate defaults to its proposed class."""

from html import unescape
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF

from govgraph import paths
from govgraph.ingest import draft_turtle, extract, validate_draft
from govgraph.namespaces import GG, STMT
from tests.conftest import run_cli

pytest_plugins = ["tests.app_fixtures"]

TEXT = """Digital Ministers' Statement (a test fixture)

1. We will expand meaningful connectivity in rural areas in the near term.

2. We welcome the work of the Blue Harbour Foundation on submarine cables.
"""
RULE_WILL = "a bound course of future action"
RULE_WELCOME = "approves what exists, no future action"


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "why.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_the_draft_records_the_rule_the_vague_time_and_the_proposed_class(source, tmp_path):
    extraction = extract(source, doc_id="why", date="2024-03-15")
    graph = Graph().parse(data=draft_turtle(extraction), format="turtle")
    rules = {s.quote: str(graph.value(s.iri, GG.commitmentRule)) for s in extraction.statements}
    assert rules == {s.quote: s.rule for s in extraction.statements}
    assert RULE_WILL in rules[extraction.statements[0].quote] and RULE_WELCOME in rules[extraction.statements[1].quote]
    assert list(graph.objects(extraction.statements[0].iri, GG.vagueTime)) == [Literal("in the near term", lang="en")]
    (candidate,) = graph.subjects(RDF.type, GG.CandidateEntity)
    assert graph.value(candidate, GG.proposedClass) == GG.Organisation


def test_ingest_report_shows_why_and_the_vague_time(source, project_copy):
    shown = run_cli("ingest", str(source), "--id", "why", "--date", "2024-03-15", "--report", home=project_copy)
    assert shown.returncode == 0, shown.stderr
    header, *rows = shown.stdout.splitlines()
    assert header.split()[-1] == "why"
    assert any(RULE_WILL in row and '"in the near term"' in row for row in rows)
    assert any(RULE_WELCOME in row for row in rows)


def test_review_shows_why_and_creates_a_candidate_of_its_proposed_class(source, project_copy):
    assert run_cli("ingest", str(source), "--id", "why", "--date", "2024-03-15", home=project_copy).returncode == 0
    draft = project_copy / "data" / "drafts" / "why.ttl"
    shown = run_cli("review", str(draft), home=project_copy, cwd=project_copy)
    assert shown.returncode == 0, shown.stderr
    assert any(line.startswith("why-p1-s1 ") and RULE_WILL in line for line in shown.stdout.splitlines())
    assert "'Blue Harbour Foundation' (Organisation, proposed)" in shown.stdout
    created = run_cli("review", str(draft), "--create", "blue-harbour-foundation", home=project_copy, cwd=project_copy)
    assert created.returncode == 0, created.stdout + created.stderr
    graph = Graph().parse(draft)
    entity = graph.value(STMT["why-p2-s1"], GG.namedActor)
    assert entity is not None and (entity, RDF.type, GG.Organisation) in graph


def test_the_review_page_shows_why_and_proposes_the_class(app_page, seed_store, source, project_copy, monkeypatch):
    assert run_cli("ingest", str(source), "--id", "why", "--date", "2024-03-15", home=project_copy).returncode == 0
    monkeypatch.setattr(paths, "DATA_DIR", project_copy / "data")
    at = app_page("review", seed_store)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    captions = unescape("\n".join(str(c.value) for c in at.caption))
    assert "Why: " in captions and RULE_WILL in captions and "in the near term" in captions
    assert at.selectbox(key="review.class.blue-harbour-foundation").value == "Organisation"


def test_the_shapes_check_the_rule_and_the_vague_time(source, tmp_path):
    extraction = extract(source, doc_id="why", date="2024-03-15")
    draft = tmp_path / "why.ttl"
    good = draft_turtle(extraction)
    draft.write_text(good, encoding="utf-8")
    assert validate_draft(draft).violations == []
    bad = good.replace('"in the near term"@en', "2024").replace('gg:commitmentRule "', 'gg:commitmentRule "two rules", "', 1)
    draft.write_text(bad, encoding="utf-8")
    messages = " ".join(str(v.message) for v in validate_draft(draft).violations)
    assert "gg:vagueTime" in messages and "gg:commitmentRule" in messages


def test_a_candidate_speaker_has_its_proposed_class_too(tmp_path):
    path = tmp_path / "council.txt"
    path.write_text("1. The Digital Standards Authority will publish a report in 2025.\n", encoding="utf-8")
    graph = Graph().parse(data=draft_turtle(extract(path, doc_id="council", date="2024-03-15")), format="turtle")
    (candidate,) = graph.subjects(RDF.type, GG.CandidateEntity)
    assert (candidate, RDF.type, GG.Actor) in graph
    assert graph.value(candidate, GG.proposedClass) == GG.Organisation
