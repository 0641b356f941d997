"""`govgraph merge` takes a reviewed draft of a real communiqué: statement-free paragraphs stay,
unresolved candidates stop it (unless --keep-candidates), and the merged document is built."""

import subprocess
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDF

from govgraph.ingest.revise import Draft
from govgraph.namespaces import DOC, GG
from tests.conftest import run_cli

COMMUNIQUE = Path(__file__).parent / "fixtures" / "review" / "g7-digital-communique-fixture.txt"


def _cli(home: Path, *args: str) -> subprocess.CompletedProcess:
    return run_cli(*args, home=home, cwd=home)


def _data_files(home: Path) -> list[Path]:
    return sorted(p.relative_to(home) for p in (home / "data").rglob("*"))


def test_an_opening_paragraph_without_statement_is_kept_and_merges(project_copy):
    source = project_copy / "opening.txt"
    source.write_text(
        "1. We, the G7 Digital and Tech Ministers, met on 14 and 15 March 2024 in Verona.\n"
        "2. We will expand meaningful connectivity in low-income countries by the end of 2027.\n",
        encoding="utf-8",
    )
    assert _cli(project_copy, "ingest", str(source)).returncode == 0
    merged = _cli(project_copy, "merge", str(project_copy / "data" / "drafts" / "opening.ttl"))
    assert merged.returncode == 0, merged.stdout + merged.stderr
    graph = Graph().parse(project_copy / "data" / "statements" / "opening.ttl")
    opening = DOC["opening-p1"]
    assert (opening, RDF.type, GG.Paragraph) in graph
    assert not list(graph.subjects(GG.inParagraph, opening))
    assert _cli(project_copy, "validate").returncode == 0


def test_unresolved_candidates_stop_the_merge_with_their_list(project_copy):
    ingested = _cli(project_copy, "ingest", str(COMMUNIQUE), "--id", "communique", "--date", "2024-03-15")
    assert ingested.returncode == 0, ingested.stderr
    draft = project_copy / "data" / "drafts" / "communique.ttl"
    before = _data_files(project_copy)

    refused = _cli(project_copy, "merge", str(draft))
    assert refused.returncode == 1, refused.stdout + refused.stderr
    candidates = Draft(draft, project_copy / "data").candidates()
    assert candidates and all(c.iri in refused.stdout and c.label in refused.stdout for c in candidates)
    assert "--keep-candidates" in refused.stdout + refused.stderr
    assert _data_files(project_copy) == before

    kept = _cli(project_copy, "merge", str(draft), "--keep-candidates")
    assert kept.returncode == 0, kept.stdout + kept.stderr
    graph = Graph().parse(project_copy / "data" / "statements" / "communique.ttl")
    assert (None, GG.mentions, None) in graph and not draft.exists()
