"""`govgraph merge` writes the cited source text only inside data/sources/.

gg:sourceFile comes from a draft anyone may hand over: a name such as ``reference/injected.ttl``
would make merge copy the draft's text into the curated data. It must be refused with one line,
and nothing in data/ may change.
"""

import shutil
import subprocess
from pathlib import Path

import pytest

from govgraph import paths
from tests.conftest import run_cli

SEED = "g7-2023-digital-annex4"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    root = tmp_path / "home"
    shutil.copytree(paths.ONTOLOGY_DIR, root / "ontology")
    shutil.copytree(paths.DATA_DIR, root / "data", ignore=shutil.ignore_patterns("drafts"))
    shutil.copytree(paths.QUERIES_DIR, root / "queries")
    return root


def _cli(home: Path, *args: str) -> subprocess.CompletedProcess:
    return run_cli(*args, home=home, cwd=home)


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file() and "drafts" not in p.parts}


@pytest.mark.parametrize("hostile", ["reference/injected.ttl", "statements/extra.ttl", "sources/../reference/x.ttl"])
def test_a_draft_citing_a_file_outside_sources_is_refused(home: Path, hostile: str) -> None:
    source = home / "text.txt"
    source.write_text(
        (paths.SOURCES_DIR / f"{SEED}.txt").read_text(encoding="utf-8") + "\nWe will act in 2026.\n", encoding="utf-8"
    )
    ingested = _cli(home, "ingest", str(source), "--id", "hostile-draft", "--date", "2026-01-01")
    assert ingested.returncode == 0, ingested.stderr
    draft = home / "data" / "drafts" / "hostile-draft.ttl"
    text = draft.read_text(encoding="utf-8")
    cited = next(line for line in text.splitlines() if "gg:sourceFile" in line)
    name = cited.split('"')[1]
    beside = draft.parent / Path(name).name
    # The hostile name points at a file "beside the draft" with the right digest, so only the
    # confinement stands between merge and data/reference/.
    (draft.parent / Path(hostile).name).write_bytes(beside.read_bytes())
    draft.write_text(text.replace(f'"{name}"', f'"{hostile}"'), encoding="utf-8")
    before = _snapshot(home / "data")

    merged = _cli(home, "merge", str(draft))

    assert merged.returncode == 2, merged.stdout + merged.stderr
    lines = merged.stderr.strip().splitlines()
    assert len(lines) == 1 and "outside" in lines[0] and "Traceback" not in merged.stderr
    assert _snapshot(home / "data") == before
