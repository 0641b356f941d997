"""Shared fixtures, and the one way tests run the CLI (run_cli; cli_command and cli_environment for Popen)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from govgraph import paths

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
FIXTURES = ROOT / "tests" / "fixtures"
#: 2026-11-29T00:00:00Z: a fixed release date, so what the CLI stamps does not depend on git history.
EPOCH = "1795910400"


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


def cli_command(*args: str | Path) -> list[str]:
    """The real `govgraph ARGS`, in a fresh interpreter (`python -m govgraph.cli`)."""
    return [sys.executable, "-m", "govgraph.cli", *map(str, args)]


def cli_environment(home: Path | None = None, env: dict[str, str] | None = None) -> dict[str, str]:
    """This environment, importing this checkout's src, with a fixed release date; on the project copy `home` if given."""
    environment = {**os.environ, "PYTHONPATH": str(SRC), "SOURCE_DATE_EPOCH": EPOCH}
    if home is not None:
        environment["GOVGRAPH_HOME"] = str(home)
        environment["GOVGRAPH_BUILD"] = str(home / "build")
    return {**environment, **(env or {})}


def run_cli(
    *args: str | Path, home: Path | None = None, env: dict[str, str] | None = None, cwd: Path | None = None, timeout: float = 300
) -> subprocess.CompletedProcess:
    """Run the real `govgraph` command to its end (see cli_command and cli_environment); every test runs it so."""
    return subprocess.run(
        cli_command(*args), capture_output=True, text=True, env=cli_environment(home, env), cwd=cwd or ROOT, timeout=timeout
    )
