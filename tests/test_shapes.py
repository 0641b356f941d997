"""Every shape rule catches its own invalid fixture, and nothing else; the minimal fixture conforms."""

from pathlib import Path

import pytest

from govgraph.terms import short
from govgraph.validate import validate

from .conftest import FIXTURES

INVALID = sorted((FIXTURES / "invalid").glob("*.ttl"))


def expectation(path: Path) -> tuple[str, str, str | None]:
    """The (shape, focus, path) a fixture's header says it must violate."""
    header = dict(
        line[2:].split(": ", 1) for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("# expect-")
    )
    result_path = header["expect-path"].strip()
    return header["expect-shape"].strip(), header["expect-focus"].strip(), None if result_path == "-" else result_path


def test_minimal_fixture_conforms(curated_files):
    report = validate(curated_files + [FIXTURES / "valid" / "minimal.ttl"], checks=False)
    assert report.violations == []
    assert [f for f in report.warnings if f.file and f.file.endswith("minimal.ttl")] == []


def test_every_shape_has_a_fixture():
    shapes_text = (Path(__file__).parents[1] / "ontology" / "shapes.ttl").read_text(encoding="utf-8")
    declared = {line.split()[0].split(":")[1] for line in shapes_text.splitlines() if " a sh:NodeShape" in line}
    covered = {expectation(path)[0] for path in INVALID}
    assert declared == covered


@pytest.mark.parametrize("fixture", INVALID, ids=lambda p: p.stem)
def test_invalid_fixture_gives_exactly_its_violation(fixture, curated_files):
    shape, focus, result_path = expectation(fixture)
    report = validate(curated_files + [fixture], checks=False, recommendations=False)
    found = [(f.shape, short(f.focus), f.path) for f in report.violations]
    assert found == [(shape, focus, result_path)]
    assert report.violations[0].message
    assert report.violations[0].file and report.violations[0].file.endswith(fixture.name)
