"""`govgraph merge`: a reviewed draft validates and moves into data/, or nothing moves."""

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import RDF

from govgraph import paths
from govgraph.namespaces import GG, STMT
from tests.conftest import run_cli

pytest_plugins = ["tests.app_fixtures"]

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A copy of the project's ontology and data, so that merging never touches the checkout."""
    root = tmp_path / "home"
    shutil.copytree(paths.ONTOLOGY_DIR, root / "ontology")
    for part in ("reference", "statements", "sources"):
        shutil.copytree(paths.DATA_DIR / part, root / "data" / part)
    if paths.QUERIES_DIR.is_dir():
        shutil.copytree(paths.QUERIES_DIR, root / "queries")
    return root


def _cli(home: Path, *args: str) -> subprocess.CompletedProcess:
    return run_cli(*args, home=home, cwd=home)


@pytest.mark.slow
def test_html_draft_merges_with_its_rendered_source(home, app_page):
    source = FIXTURES / "g7-2025-summit-fixture.html"
    ingested = _cli(home, "ingest", str(source), "--id", "g7-2025-digital-trust", "--date", "2025-06-17")
    assert ingested.returncode == 0, ingested.stderr
    draft = home / "data" / "drafts" / "g7-2025-digital-trust.ttl"
    rendered = home / "data" / "drafts" / "g7-2025-digital-trust.txt"
    assert draft.is_file() and rendered.is_file()

    merged = _cli(home, "merge", str(draft))
    assert merged.returncode == 0, merged.stdout + merged.stderr
    statements = home / "data" / "statements" / "g7-2025-digital-trust.ttl"
    cited = home / "data" / "sources" / "g7-2025-digital-trust.txt"
    assert statements.is_file() and cited.is_file() and not draft.exists() and not rendered.exists()

    graph = Graph().parse(statements)
    document = next(graph.subjects(RDF.type, GG.Document))
    assert str(graph.value(document, GG.sha256)) == hashlib.sha256(cited.read_bytes()).hexdigest()
    text = cited.read_text(encoding="utf-8")
    for node in graph.subjects(GG.quote, None):
        start, end = int(graph.value(node, GG.startOffset)), int(graph.value(node, GG.endOffset))
        assert text[start:end] == str(graph.value(node, GG.quote))
    assert (STMT["g7-2025-digital-trust-p3-s1-c2"], RDF.type, GG.Commitment) in graph

    validated = _cli(home, "validate")
    assert validated.returncode == 0, validated.stdout
    # The merged document is part of the built graph: 16 curated statements + 5 new, 13 + 3 commitments.
    built = _cli(home, "build")
    assert built.returncode == 0, built.stdout + built.stderr
    stats = json.loads(_cli(home, "stats", "--format", "json").stdout)
    assert (stats["statements"], stats["commitments"]) == (21, 16)
    # It shows up in the saved questions: the three commitments of the new document (¶1.1, ¶2.1, ¶3.1 c2).
    listed = _cli(home, "query", "commitments-by-document", "--param", "document=doc:g7-2025-digital-trust", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)["results"]["bindings"]
    assert [row["commitment"]["value"].rsplit("/", 1)[1] for row in rows] == [
        "g7-2025-digital-trust-p1-s1",
        "g7-2025-digital-trust-p2-s1",
        "g7-2025-digital-trust-p3-s1-c2",
    ]
    # ...and in the app, searched by a word of its quote.
    page = app_page("commitments", home / "build" / "store")
    page.run()
    page.text_input(key="commitments.words").set_value("refrain")
    page.run()
    shown = "\n".join(str(m.value) for m in page.markdown)
    assert not page.exception and "1 commitment" in shown and "network restrictions" in shown
    again = _cli(home, "merge", str(statements))
    assert again.returncode == 2 and "already exists" in again.stderr


def test_merge_refuses_a_draft_with_violations_and_moves_nothing(home):
    out = home / "data" / "drafts" / "bad.ttl"
    assert _cli(home, "ingest", str(FIXTURES / "g7-2023-ict-fixture.txt"), "--id", "bad", "--out", str(out)).returncode == 0
    # A reviewer wrongly promotes a condemnation to a commitment and shortens a quote.
    graph = Graph().parse(out)
    condemnation = STMT["bad-p2-s1"]
    graph.add((condemnation, RDF.type, GG.Commitment))
    quote = graph.value(condemnation, GG.quote)
    graph.set((condemnation, GG.quote, type(quote)(str(quote)[:-1], lang="en")))
    out.write_bytes(graph.serialize(format="turtle", encoding="utf-8"))
    before = sorted(p.relative_to(home) for p in (home / "data").rglob("*"))

    result = _cli(home, "merge", str(out), "--keep-candidates")  # the candidates are not what this test is about
    assert result.returncode == 1
    assert "merge refused" in result.stderr and "bad-p2-s1" in result.stdout
    assert "record it as a gg:Statement" in result.stdout and "offsets do not fit the quote" in result.stdout
    assert sorted(p.relative_to(home) for p in (home / "data").rglob("*")) == before


def test_merge_refuses_a_draft_whose_source_text_changed(home):
    source = home / "note.txt"
    source.write_text("We resolve to keep offsets honest in every draft we write.\n", encoding="utf-8")
    assert _cli(home, "ingest", str(source)).returncode == 0
    (home / "data" / "drafts" / "note.txt").write_text("We resolve to move the goalposts.\n", encoding="utf-8")
    result = _cli(home, "merge", str(home / "data" / "drafts" / "note.ttl"))
    assert result.returncode == 2 and "neither in data/ nor beside the draft" in result.stderr
    assert not (home / "data" / "statements" / "note.ttl").exists()
