"""`govgraph review DRAFT`: the review table, and every change written back to the draft at once."""

import json
import subprocess
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS

from govgraph.ingest.revise import Draft
from govgraph.namespaces import DOC, GG, INITIATIVE, STMT, THEME
from tests.conftest import run_cli

pytest_plugins = ["tests.app_fixtures"]

COMMUNIQUE = Path(__file__).parent / "fixtures" / "review" / "g7-digital-communique-fixture.txt"


def _cli(home: Path, *args: str) -> subprocess.CompletedProcess:
    return run_cli(*args, home=home, cwd=home)


@pytest.fixture
def draft(project_copy: Path) -> Path:
    """The communiqué fixture ingested into the project copy's data/drafts/."""
    ingested = _cli(project_copy, "ingest", str(COMMUNIQUE), "--id", "communique", "--date", "2024-03-15")
    assert ingested.returncode == 0, ingested.stderr
    return project_copy / "data" / "drafts" / "communique.ttl"


def _candidate(draft: Path, words: str) -> str:
    """The id of the draft's candidate whose name holds `words`."""
    return next(c.id for c in Draft(draft, draft.parents[1]).candidates() if words in c.label)


def test_review_prints_the_table_the_candidates_and_the_status(draft):
    shown = _cli(draft.parents[2], "review", str(draft))
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[0].split()[:5] == ["id", "para", "act", "commit?", "ok?"]
    assert any(line.startswith("communique-p2-s1-c1 ") and " commit " in line for line in lines)
    assert "paragraphs without statement: 1" in lines
    assert any(line.startswith("candidate ") and "Blue Harbour Alliance" in line for line in lines)
    assert lines[-1].startswith("validation: conforms")


def test_each_change_is_written_back_to_the_draft(draft):
    home = draft.parents[2]
    alliance = _candidate(draft, "Blue Harbour")
    pgii = _candidate(draft, "Global Infrastructure Investment")
    p2 = DOC["communique-p2"]
    start = int(Graph().parse(draft).value(p2, GG.startOffset))
    changed = _cli(
        home,
        "review",
        str(draft),
        "--accept",
        "communique-p2-s1-c1",
        "--reject",
        "stmt:communique-p3-s1",
        "--act",
        "communique-p2-s1-c2=recognise",
        "--commitment",
        "communique-p4-s1=no",
        "--span",
        f"communique-p2-s1-c1={start}:{start + 40}",
        "--resolve",
        f"{pgii}=initiative:pgii",
        "--name",
        f"{alliance}=Blue Harbour Alliance",
        "--create",
        f"{alliance}=Organisation",
        "--link",
        "communique-p2-s1-c1=theme:digital-infrastructure-investment",
    )
    assert changed.returncode == 0, changed.stdout + changed.stderr
    assert "saved 9 change(s)" in changed.stdout

    graph = Graph().parse(draft)
    text = (draft.parent / "communique.txt").read_text(encoding="utf-8")
    first = STMT["communique-p2-s1-c1"]
    assert float(graph.value(first, GG.confidence)) == 1.0
    assert (int(graph.value(first, GG.startOffset)), int(graph.value(first, GG.endOffset))) == (start, start + 40)
    assert str(graph.value(first, GG.quote)) == text[start : start + 40]
    assert (first, GG.theme, THEME["digital-infrastructure-investment"]) in graph
    assert not list(graph.triples((STMT["communique-p3-s1"], None, None)))
    assert graph.value(DOC["communique-p3"], GG.withoutStatement) == Literal(True)
    assert str(graph.value(STMT["communique-p2-s1-c2"], GG.actKind)).endswith("/recognise")
    assert (STMT["communique-p4-s1"], RDF.type, GG.Statement) in graph
    assert (STMT["communique-p4-s1"], RDF.type, GG.Commitment) not in graph
    assert (STMT["communique-p5-s1"], GG.initiative, INITIATIVE.pgii) in graph
    created = graph.value(STMT["communique-p4-s1"], GG.namedActor)
    assert created is not None and (created, RDF.type, GG.Organisation) in graph
    assert str(graph.value(created, RDFS.label)) == "Blue Harbour Alliance"
    assert not list(graph.subjects(RDF.type, GG.CandidateEntity))
    assert "0 candidate entities unresolved" in changed.stdout


def test_a_bad_change_leaves_the_draft_as_it_was(draft):
    before = draft.read_bytes()
    failed = _cli(draft.parents[2], "review", str(draft), "--accept", "communique-p2-s1-c1", "--act", "communique-p3-s1=ponder")
    assert failed.returncode == 2 and "no act kind 'ponder'" in failed.stderr
    assert draft.read_bytes() == before
    unknown = _cli(draft.parents[2], "review", str(draft), "--resolve", "nothing-like-it=initiative:pgii")
    assert unknown.returncode == 2 and "no unresolved candidate" in unknown.stderr
    assert draft.read_bytes() == before


@pytest.mark.slow
def test_a_reviewed_communique_merges_and_shows_in_build_queries_and_app(draft, app_page):
    home = draft.parents[2]
    alliance = _candidate(draft, "Blue Harbour")
    pgii = _candidate(draft, "Global Infrastructure Investment")
    reviewed = _cli(
        home,
        "review",
        str(draft),
        "--resolve",
        f"{pgii}=Partnership for Global Infrastructure and Investment",
        "--name",
        f"{alliance}=Blue Harbour Alliance",
        "--create",
        f"{alliance}=Organisation",
    )
    assert reviewed.returncode == 0 and "validation: conforms" in reviewed.stdout, reviewed.stdout + reviewed.stderr
    merged = _cli(home, "merge", str(draft))
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert _cli(home, "validate").returncode == 0

    built = _cli(home, "build")
    assert built.returncode == 0, built.stdout + built.stderr
    stats = json.loads(_cli(home, "stats", "--format", "json").stdout)
    assert (stats["statements"], stats["commitments"]) == (16 + 5, 13 + 2)
    listed = _cli(home, "query", "commitments-by-document", "--param", "document=doc:communique", "--format", "json")
    rows = json.loads(listed.stdout)["results"]["bindings"]
    assert [row["commitment"]["value"].rsplit("/", 1)[1] for row in rows] == ["communique-p2-s1-c1", "communique-p4-s1"]

    page = app_page("commitments", home / "build" / "store")
    page.run()
    page.text_input(key="commitments.words").set_value("Blue Harbour")
    page.run()
    shown = "\n".join(str(m.value) for m in page.markdown)
    assert not page.exception and "1 commitment" in shown and "Blue Harbour Alliance" in shown


def test_rejecting_a_statement_drops_the_links_to_it(draft):
    reviewed = Draft(draft, draft.parents[1])
    reviewed.graph.add((STMT["communique-p4-s1"], GG.buildsOn, STMT["communique-p2-s1-c1"]))
    reviewed.save()
    rejected = _cli(draft.parents[2], "review", str(draft), "--reject", "communique-p2-s1-c1", "--no-validate")
    assert rejected.returncode == 0, rejected.stderr
    graph = Graph().parse(draft)
    assert (None, None, STMT["communique-p2-s1-c1"]) not in graph and (STMT["communique-p2-s1-c1"], None, None) not in graph
    assert (STMT["communique-p2-s1-c2"], GG.inParagraph, None) in graph
