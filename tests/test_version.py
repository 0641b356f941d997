"""The version is written once (govgraph.__version__); the CLI prints it and the ontology repeats it."""

import tomllib
from pathlib import Path

import pyoxigraph as ox

import govgraph
from govgraph import paths

from .conftest import run_cli

OWL_VERSION_INFO = ox.NamedNode("http://www.w3.org/2002/07/owl#versionInfo")


def test_cli_prints_the_version() -> None:
    done = run_cli("--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["govgraph", govgraph.__version__]


def test_ontology_version_info_is_the_package_version() -> None:
    quads = ox.parse(path=str(paths.ONTOLOGY_FILE), format=ox.RdfFormat.TURTLE)
    versions = {quad.object.value for quad in quads if quad.predicate == OWL_VERSION_INFO}
    assert versions == {govgraph.__version__}


def test_pyproject_reads_the_version_from_the_package() -> None:
    pyproject = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in pyproject["project"] and "version" in pyproject["project"]["dynamic"]
    assert pyproject["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "govgraph.__version__"}
