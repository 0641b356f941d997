"""The benchmark's smoke run at 10k triples: the fast and the reference paths give the same answers.

Only answers are compared (triples loaded, the rows of every saved question); the timings the
run prints are never asserted.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import cli_environment

RUN = Path(__file__).resolve().parent.parent / "benchmarks" / "run.py"


@pytest.mark.slow
def test_the_smoke_run_at_10k_gives_the_same_answers_on_both_paths(tmp_path: Path) -> None:
    figures = tmp_path / "figures.json"
    args = ["--sizes", "10k", "--check", "--repeat", "1", "--budget", "0", "--pyshacl-timeout", "5"]
    done = subprocess.run(
        [sys.executable, str(RUN), *args, "--work", str(tmp_path / "work"), "--json", str(figures)],
        capture_output=True,
        text=True,
        env=cli_environment(),
        timeout=900,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    rows = json.loads(figures.read_text(encoding="utf-8"))["sizes"]["10000"]
    questions = [row for row in rows if row["stage"].startswith("question ")]
    assert len(questions) >= 2 * 24  # p50 and p95 of every saved question
    assert all(row["same"] is True for row in questions)
    loaded = next(row for row in rows if row["stage"] == "build: triples loaded")
    assert loaded["ours"] == loaded["reference"] > 9_000
