"""`govgraph --home DIR`: the data and build folders move there; the ontology and questions stay found."""

import shutil
from pathlib import Path

import pytest

from govgraph import paths
from govgraph.cli import main

from .conftest import run_cli


@pytest.fixture
def data_only_home(tmp_path: Path) -> Path:
    """A home holding a copy of data/ and nothing else."""
    home = tmp_path / "home"
    shutil.copytree(paths.DATA_DIR, home / "data", ignore=shutil.ignore_patterns("drafts"))
    return home


def test_build_reads_and_writes_the_home(data_only_home: Path, tmp_path: Path) -> None:
    result = run_cli("--home", data_only_home, "build", cwd=tmp_path, env={"GOVGRAPH_BUILD": ""})
    assert result.returncode == 0, result.stderr
    assert (data_only_home / "build" / "govgraph.nq").is_file() and (data_only_home / "build" / "store").is_dir()
    assert not (tmp_path / "build").exists()


def test_a_home_may_bring_its_own_questions(data_only_home: Path) -> None:
    shutil.copytree(paths.QUERIES_DIR, data_only_home / "queries")
    (data_only_home / "queries" / "home-question.rq").write_text(
        "# title: A question only this home has\nSELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8"
    )
    listed = run_cli("--home", data_only_home, "queries").stdout
    assert "home-question" in listed and "commitments-by-forum" in listed


def test_a_missing_home_is_one_line() -> None:
    result = run_cli("--home", "no/such/folder", "validate")
    assert result.returncode == 2
    assert result.stderr.splitlines() == ["govgraph: error: --home no/such/folder: no such folder"]


def test_home_given_after_the_paths_were_read_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["--home", str(tmp_path), "queries"]) == 2
    assert "set $GOVGRAPH_HOME instead" in capsys.readouterr().err
