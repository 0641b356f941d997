"""Shared fixtures: paths to the curated data and the fixtures."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from govgraph import paths

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def curated_files() -> list[Path]:
    """Every curated data file, which fixtures lean on for reference entities."""
    return paths.data_files()


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A private copy of the ontology, data and queries, for commands that read or break them."""
    home = tmp_path / "home"
    for part in ("ontology", "data", "queries"):
        source = paths.PROJECT_ROOT / part
        if source.exists():
            shutil.copytree(source, home / part, ignore=shutil.ignore_patterns("drafts"))
    return home


def run_cli(*args: str, home: Path | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run the real `govgraph` command in a subprocess, optionally on a project copy."""
    env = dict(os.environ)
    if home is not None:
        env["GOVGRAPH_HOME"] = str(home)
        env["GOVGRAPH_BUILD"] = str(home / "build")
    return subprocess.run(
        [sys.executable, "-m", "govgraph.cli", *args], capture_output=True, text=True, env=env, timeout=timeout
    )
