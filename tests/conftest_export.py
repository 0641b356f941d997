"""Fixtures for the export, site and network tests (a pytest plugin, loaded via pytest_plugins)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from govgraph import paths

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
TRICKY = FIXTURES / "export" / "tricky.ttl"
NETWORK = FIXTURES / "network"
#: 2026-11-29T00:00:00Z: a fixed release date, so test output does not depend on git history.
EPOCH = "1795910400"


def run_cli(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """`python -m govgraph.cli ARGS` in a fresh interpreter that imports this checkout's src."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "SOURCE_DATE_EPOCH": EPOCH, **(env or {})}
    return subprocess.run([sys.executable, "-m", "govgraph.cli", *args], capture_output=True, text=True,
                          env=full_env, cwd=cwd or ROOT, timeout=300)


@pytest.fixture(scope="session")
def fixture_files() -> list[Path]:
    """The ontology plus the tricky-literal fixture and the network fixture."""
    return [paths.ONTOLOGY_FILE, TRICKY, *sorted(NETWORK.rglob("*.ttl"))]


@pytest.fixture(scope="session")
def fixture_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every format exported from the fixtures by the real CLI."""
    out = tmp_path_factory.mktemp("fixture-export")
    done = run_cli("export", "--format", "all", "--out", str(out), "-i", str(TRICKY), "-i", str(NETWORK))
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="session")
def data_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every format exported from the curated ontology and data/ by the real CLI."""
    out = tmp_path_factory.mktemp("data-export")
    done = run_cli("export", "--format", "all", "--out", str(out))
    assert done.returncode == 0, done.stderr
    return out
