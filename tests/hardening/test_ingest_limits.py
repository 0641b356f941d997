"""Ingest input is capped in size, and its cost grows linearly with the input (issue 9).

The CLI runs as a real subprocess; its CPU time and peak memory are read from the kernel's
accounting of that one process (`os.wait4`, in a small launcher), and compared as ratios measured in the same run
(CPU time, not wall time: the machine may be shared).
"""

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from benchmarks.stage_ingest import corpus
from govgraph import ingest_file
from govgraph.errors import InputError
from govgraph.ingest import DEFAULT_MAX_BYTES, extract
from tests.conftest import cli_command, cli_environment

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ingest"
#: `python -c MEASURE FIGURES COMMAND…` runs COMMAND and writes its CPU seconds and peak RSS (KiB) to FIGURES.
#: The CLI is started from this small process, not from pytest: the kernel gives a child started by
#: vfork the peak RSS of its parent's memory at exec, and pytest's is large after in-process app tests.
MEASURE = """import os, subprocess, sys
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
open(sys.argv[1], "w").write(f"{usage.ru_utime + usage.ru_stime} {usage.ru_maxrss}")
sys.exit(os.waitstatus_to_exitcode(status))
"""


def _run(*args: str) -> tuple[subprocess.CompletedProcess, float, float]:
    """Run `govgraph ARGS` to its end: the finished process, its CPU seconds and its peak RSS in MB."""
    with tempfile.TemporaryDirectory() as scratch:
        figures = Path(scratch) / "figures"
        result = subprocess.run(
            [sys.executable, "-c", MEASURE, str(figures), *cli_command(*args)],
            capture_output=True,
            text=True,
            env=cli_environment(),
        )
        cpu, peak_kib = figures.read_text().split()
    return result, float(cpu), int(peak_kib) / 1024


def _big_file(tmp_path: Path, name: str, megabytes: float) -> Path:
    path = tmp_path / name
    path.write_text(corpus(megabytes), encoding="utf-8")
    return path


def test_a_file_over_the_cap_is_refused_in_one_line_and_nothing_is_written(tmp_path):
    source = tmp_path / "big.txt"
    source.write_bytes((FIXTURES / "g7-2023-ict-fixture.txt").read_bytes())
    out_dir = tmp_path / "drafts"
    result, _, _ = _run("ingest", str(source), "--max-bytes", "1000", "--out", str(out_dir / "big.ttl"))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert str(source) in lines[0] and "1000 bytes" in lines[0]
    assert not out_dir.exists() or not any(out_dir.iterdir())


def test_max_bytes_raises_the_cap(tmp_path):
    source = tmp_path / "big.txt"
    source.write_bytes((FIXTURES / "g7-2023-ict-fixture.txt").read_bytes())
    out = tmp_path / "drafts" / "big.ttl"
    result, _, _ = _run("ingest", str(source), "--max-bytes", str(source.stat().st_size - 1), "--out", str(out))
    assert result.returncode == 2 and not out.exists()
    result, _, _ = _run("ingest", str(source), "--max-bytes", str(source.stat().st_size), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert out.is_file()


def test_the_python_api_takes_the_cap_too(tmp_path):
    source = tmp_path / "big.txt"
    source.write_bytes((FIXTURES / "g7-2023-ict-fixture.txt").read_bytes())
    out = tmp_path / "drafts" / "big.ttl"
    with pytest.raises(InputError, match="over the ingest size cap of 1000 bytes"):
        ingest_file(source, out=out, max_bytes=1000)
    assert not out.parent.exists() or not any(out.parent.iterdir())
    extraction, written = ingest_file(source, out=out, max_bytes=source.stat().st_size)
    assert written == out and extraction.statements


def test_the_default_cap_covers_a_real_communique_and_refuses_a_huge_file(tmp_path):
    assert DEFAULT_MAX_BYTES >= 32 * 1024 * 1024
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:  # a sparse file: over the cap without writing it
        handle.truncate(DEFAULT_MAX_BYTES + 1)
    result, _, peak = _run("ingest", str(huge), "--out", str(tmp_path / "drafts" / "huge.ttl"))
    assert result.returncode == 2 and "over the ingest size cap" in result.stderr
    assert peak < 200, f"refusing an over-cap file took {peak:.0f} MB: it was read"


@pytest.mark.slow
def test_time_and_memory_grow_linearly_with_the_input(tmp_path):
    small = _big_file(tmp_path, "small.txt", 0.5)
    large = _big_file(tmp_path, "large.txt", 2.0)
    runs = {}
    for path in (small, large):
        result, cpu, peak = _run("ingest", str(path), "--out", str(tmp_path / "drafts" / f"{path.stem}.ttl"))
        assert result.returncode == 0, result.stderr
        runs[path.stem] = cpu, peak
    megabytes = (large.stat().st_size - small.stat().st_size) / 1_000_000
    (small_cpu, small_peak), (large_cpu, large_peak) = runs["small"], runs["large"]
    assert large_cpu / small_cpu < 8, runs
    # The text itself is held (as bytes while hashing, then as str); everything else streams.
    assert (large_peak - small_peak) / megabytes < 40, (
        f"{(large_peak - small_peak) / megabytes:.0f} MB of RSS per MB of input: {runs}"
    )


def _one_long_sentence(tmp_path: Path, name: str, repeats: int) -> Path:
    """A single sentence naming entities and capitalised names over and over, with no full stop."""
    path = tmp_path / name
    names = "the IGF, the OECD and Japan with the Open Data Charter (ODC), building on the Hiroshima Process"
    path.write_text("We commit to work with " + ", ".join([names] * repeats) + ".\n", encoding="utf-8")
    return path


def _one_statement_cpu(path: Path, **options: str) -> float:
    """CPU seconds to extract `path`, which must give one statement."""
    started = time.process_time()
    extraction = extract(path, **options)
    cost = time.process_time() - started
    assert len(extraction.statements) == 1
    return cost


def test_one_long_sentence_full_of_names_stays_linear(tmp_path):
    """Linking, lineage and candidate names compare each name with the others of its sentence:
    that must not grow with the square of the sentence."""
    costs = []
    for name, repeats in (("small.txt", 1000), ("large.txt", 4000)):
        path = _one_long_sentence(tmp_path, name, repeats)
        costs.append(_one_statement_cpu(path))
    assert costs[1] / costs[0] < 8, costs


def test_names_joined_by_and_in_one_sentence_stay_linear(tmp_path):
    """Each "and" in a run of capitalised names asks whether the words before it end in a head noun
    ("… Institute and …"): only the last words can, so the whole run must not be read again each time."""
    costs = []
    for name, count in (("small.txt", 1500), ("large.txt", 6000)):
        path = tmp_path / name
        path.write_text("We commit to work with " + " and ".join(f"Alpha{i}" for i in range(count)) + ".\n", encoding="utf-8")
        costs.append(_one_statement_cpu(path))
    assert costs[1] / costs[0] < 8, costs


def test_titles_named_again_and_again_in_one_sentence_stay_linear(tmp_path):
    """An office named by its bare title ("the Secretary-General" in a General Assembly text) is
    checked against the names linked around it through an index, not against each of them."""
    costs = []
    for name, count in (("small.txt", 3000), ("large.txt", 12000)):
        path = tmp_path / name
        path.write_text(
            "We request " + ", ".join(["the Secretary-General and the OECD"] * count) + " to act.\n", encoding="utf-8"
        )
        costs.append(_one_statement_cpu(path, speaker="actor:un-general-assembly"))
    assert costs[1] / costs[0] < 8, costs


@pytest.mark.slow
def test_one_paragraph_of_many_listed_items_stays_linear(tmp_path):
    """A lead-in and its "(a) …" items joined into one block: each item's end must be found from
    the item, not by slicing the block from its start (which grew with the square of the items)."""
    costs = []
    for name, items in (("small.txt", 25_000), ("large.txt", 100_000)):
        path = tmp_path / name
        listed = "".join("(a) an item, noted;\n" for _ in range(items))
        lead_in = "The following items are listed here for the record of this meeting, in order:\n"
        path.write_text(f"{lead_in}{listed}(b) the end.\n\nWe commit to support the IGF in all of its many parts.\n")
        costs.append(_one_statement_cpu(path))
    assert costs[1] / costs[0] < 8, costs


@pytest.mark.parametrize(
    "tail",
    ["<aside>" * 10_000 + "</nav>" * 10_000, "<title>" + "word <b>" * 50_000],
    ids=["end tags that close nothing", "a title never closed"],
)
def test_html_with_many_unclosed_elements_stays_linear(tmp_path, tail):
    """Closing a tag that is not open must not scan every element still open, and a title
    must not be rebuilt for each piece of text added to it."""
    costs = []
    prose = "<p>We commit to publish the results of the work on connectivity in 2025.</p>"
    for name, repeats in (("small.html", 1), ("large.html", 4)):
        path = tmp_path / name
        path.write_text(f"<html><body>{prose}{tail * repeats}</body></html>", encoding="utf-8")
        costs.append(_one_statement_cpu(path))
    assert costs[1] / costs[0] < 8, costs
