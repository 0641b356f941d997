"""Fixtures for the export, site and network tests (a pytest plugin, loaded via pytest_plugins)."""

from pathlib import Path

import pytest

from govgraph import paths
from tests.conftest import run_cli

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
TRICKY = FIXTURES / "export" / "tricky.ttl"
NETWORK = FIXTURES / "network"


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
