"""`govgraph ingest` imports what extraction needs, not review, merge or validation.

Importing them (and pySHACL through validation) was a sixth of the CPU time of ingesting a short
document. Speed is measured by `benchmarks/stage_ingest.py`; this checks the cause, in a real process.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import cli_environment

NOT_NEEDED = {"pyshacl", "govgraph.validate", "govgraph.ingest.merge", "govgraph.ingest.review", "govgraph.ingest.revise"}


def _imported_by_ingest(*args: str) -> set[str]:
    """Which of NOT_NEEDED a real `govgraph ingest ARGS` process had imported when it finished."""
    script = (
        "import json, sys\n"
        "from govgraph.cli import main\n"
        "try:\n"
        f"    main(['ingest', *{list(args)!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print(json.dumps(sorted(set(sys.modules) & set({sorted(NOT_NEEDED)!r}))))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=cli_environment(), check=True)
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_ingest_imports_neither_review_nor_merge_nor_validation(tmp_path: Path) -> None:
    source = tmp_path / "note.txt"
    source.write_text("We commit to support the Internet Governance Forum in all its work.\n", encoding="utf-8")
    out = tmp_path / "drafts" / "note.ttl"
    assert _imported_by_ingest(str(source), "--out", str(out)) == set()
    assert out.is_file()


def test_the_report_still_prints_the_review_table(tmp_path: Path) -> None:
    source = tmp_path / "note.txt"
    source.write_text("We commit to support the Internet Governance Forum in all its work.\n", encoding="utf-8")
    out = tmp_path / "drafts" / "note.ttl"
    done = subprocess.run(
        [sys.executable, "-m", "govgraph.cli", "ingest", str(source), "--out", str(out), "--report"],
        capture_output=True,
        text=True,
        env=cli_environment(),
    )
    assert done.returncode == 0, done.stderr
    assert "Internet Governance Forum" in done.stdout and "commit" in done.stdout
