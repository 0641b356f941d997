"""Shared fixtures: paths to the curated data and the fixtures."""

from pathlib import Path

import pytest

from govgraph import paths

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def curated_files() -> list[Path]:
    """Every curated data file, which fixtures lean on for reference entities."""
    return paths.data_files()
