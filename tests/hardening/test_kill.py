"""SIGKILL at any moment leaves the old build or export or the new one, never a mix, and the
next run leaves nothing behind.

Killed builds used to leave a new govgraph.nq beside the old store, or no store at all, and
their staging folders and temporary files forever; a killed export left old and new files
mixed, with a description of neither. Each case below kills a real `govgraph` subprocess at
seeded random moments within the time a whole run takes (measured first, in the same test).
"""

import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef

from govgraph.export.describe import DEFAULT_DOWNLOAD_BASE

from ..conftest import cli_command, cli_environment, run_cli

KILLS = 12
DCAT_DOWNLOAD = URIRef("http://www.w3.org/ns/dcat#downloadURL")
#: What a build folder may hold once a build has finished.
BUILD_ENTRIES = {".build.lock", "current", "previous", "versions", "govgraph.nq", "store"}


def _timed_run(home: Path, *args: str) -> float:
    started = time.perf_counter()
    result = run_cli(*args, home=home)
    assert result.returncode == 0, result.stderr
    return time.perf_counter() - started


def _kill_at(home: Path, delay: float, *args: str) -> None:
    """Start `govgraph ARGS` and SIGKILL it after `delay` seconds (if it is still running)."""
    child = subprocess.Popen(cli_command(*args), env=cli_environment(home), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        child.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        child.send_signal(signal.SIGKILL)
        child.wait()


def _mark(home: Path, number: int) -> None:
    """Change the data so that each build differs: a comment on the IGF naming the round."""
    forums = home / "data" / "reference" / "forums.ttl"
    text = forums.read_text(encoding="utf-8").split("\n# kill-test\n")[0]
    forums.write_text(text + f'\n# kill-test\nforum:igf rdfs:comment "kill test round {number}"@en .\n', encoding="utf-8")


def _round_of_build(build: Path) -> int:
    """The round the build's N-Quads and store both come from; they must agree."""
    nquads = set(ox.parse(path=str(build / "govgraph.nq"), format=ox.RdfFormat.N_QUADS))
    store = ox.Store.read_only(os.path.realpath(build / "store"))
    stored = set(store.quads_for_pattern(None, None, None))
    del store
    assert nquads == stored, f"torn build: {len(nquads ^ stored)} quads differ between govgraph.nq and the store"
    rounds = [int(q.object.value.rsplit(" ", 1)[1]) for q in nquads if q.object.value.startswith("kill test round ")]
    assert len(rounds) == 1
    return rounds[0]


def _assert_no_leftovers(build: Path) -> None:
    assert {p.name for p in build.iterdir()} == BUILD_ENTRIES
    versions = {p.name for p in (build / "versions").iterdir()}
    assert versions == {Path(os.readlink(build / name)).name for name in ("current", "previous")}
    assert not [p for p in build.rglob("*") if p.name.endswith(".tmp") or ".staging-" in p.name]


@pytest.mark.slow
def test_a_killed_build_leaves_the_old_or_the_new_build(project_copy: Path) -> None:
    rng = random.Random(9)
    build = project_copy / "build"
    _mark(project_copy, 0)
    _timed_run(project_copy, "build")
    _mark(project_copy, 1)
    whole = _timed_run(project_copy, "build")
    finished, outcomes = 1, []
    for number in range(2, KILLS + 2):
        _mark(project_copy, number)
        _kill_at(project_copy, rng.uniform(0, whole), "build")
        seen = _round_of_build(build)
        assert seen in (finished, number)
        outcomes.append("new" if seen == number else "old")
        finished = seen
    print("killed builds left:", outcomes)
    _mark(project_copy, 99)
    _timed_run(project_copy, "build")
    assert _round_of_build(build) == 99
    _assert_no_leftovers(build)
    assert run_cli("stats", home=project_copy).returncode == 0


def _described_files(out: Path) -> set[str]:
    graph = Graph().parse(out / "description.ttl")
    return {str(url)[len(DEFAULT_DOWNLOAD_BASE) :] for url in graph.objects(None, DCAT_DOWNLOAD)}


def _present_files(out: Path) -> set[str]:
    return {str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()} - {"description.ttl", "description.jsonld"}


@pytest.mark.slow
def test_a_killed_export_leaves_the_old_or_the_new_export(project_copy: Path, tmp_path: Path) -> None:
    rng = random.Random(4)
    out = tmp_path / "exports" / "dump"
    subsets = [("all",), ("nt",), ("csv", "jsonld")]
    files: dict[tuple[str, ...], set[str]] = {}
    whole = 0.0
    for formats in subsets:
        whole = max(whole, _timed_run(project_copy, "export", "--format", *formats, "--out", str(out)))
        files[formats] = _present_files(out)
    exported = files[subsets[-1]]
    for number in range(KILLS):
        formats = subsets[number % len(subsets)]
        _kill_at(project_copy, rng.uniform(0, whole), "export", "--format", *formats, "--out", str(out))
        present = _present_files(out)
        assert present in (exported, files[formats]), "old and new export files mixed"
        assert _described_files(out) == present - {"context.jsonld"}, "the description must list exactly the files present"
        exported = present
    _timed_run(project_copy, "export", "--format", "nt", "--out", str(out))
    assert _present_files(out) == {"govgraph.nt"}  # an earlier export's files are gone
    assert [p.name for p in out.parent.iterdir()] == ["dump"]  # no staging or retired folders
