"""The serve stage of the benchmark: one size's build on Virtuoso 7 beside the embedded store, in one run.

A Virtuoso of the stage's own starts on 127.0.0.1 (files in a temporary folder, about 1.4 GB of
buffers, no query time limit), then:

  bulk load  Virtuoso's bulk loader on the build's N-Quads        vs  pyoxigraph bulk_load of the same file
             (the SQL of docs/servers.md; the server's CPU s)         into a new embedded store (CPU s)
  publish    `govgraph publish` to it, Graph Store PUT per graph   (govgraph's CPU s + the server's; wall s)
  questions  every saved question's p50, wall ms, on Virtuoso      vs  the embedded store of the build;
             rows compared as sorted plain values (Virtuoso's xsd:int counts are the store's integers)

CPU seconds of the server are read from its /proc counters before and after. Without `virtuoso-t`
the stage gives one row saying so.

run.py calls `rows(home, work, timeout, repeat)` after its build (WORK/build holds it); alone:
python benchmarks/stage_serve.py --home HOME [--work WORK] (default WORK: HOME, whose build/ is used).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT)]

from scale import _cpu_seconds, measure  # noqa: E402, I001 (benchmarks/ is not a package on the path)
from tests.servers import VIRTUOSO_INI, free_port, stop, wait_ready  # noqa: E402 (the tests' loopback Virtuoso)

#: The tests' ini, with Virtuoso's suggested buffers for about 2 GB of memory and no query time limit.
SETTINGS = {
    "NumberOfBuffers = 10000": "NumberOfBuffers = 170000",
    "MaxDirtyBuffers = 6000": "MaxDirtyBuffers = 130000",
    "MaxQueryExecutionTime = 10": "MaxQueryExecutionTime = 0",
}
GOVGRAPH = "https://w3id.org/govgraph/"
BULK_LOAD = """log_enable(3,1);
DELETE FROM DB.DBA.RDF_QUAD WHERE starts_with(id_to_iri(G), '{base}');
DELETE FROM DB.DBA.LOAD_LIST WHERE ll_file LIKE '{folder}/%';
ld_dir('{folder}', '*.nq', '{base}graph/unnamed');
rdf_loader_run();
checkpoint;
SELECT COUNT(*) FROM DB.DBA.LOAD_LIST WHERE ll_error IS NOT NULL;"""
#: Anonymous SPARQL updates, as the tests' Virtuoso on loopback allows them: publish needs no credentials.
GRANT = "GRANT SPARQL_UPDATE TO \"SPARQL\"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);"
#: Wall seconds of repeats per question at most, after the first run.
BUDGET = 20.0
QUESTION_TIMEOUT = 120.0
#: Rows read at most: above every answer at 1M, so no engine is cut where another is not.
LIMIT = 1_000_000


class Virtuoso:
    """A running virtuoso-t of this stage's own."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.sql_port, http_port = free_port(), free_port()
        ini = VIRTUOSO_INI
        for default, chosen in SETTINGS.items():
            assert default in ini, f"tests/servers.py no longer sets {default!r}"
            ini = ini.replace(default, chosen)
        (folder / "vsp").mkdir(parents=True, exist_ok=True)
        (folder / "virtuoso.ini").write_text(ini.format(d=folder, sql_port=self.sql_port, http_port=http_port))
        self.process = subprocess.Popen(
            ["virtuoso-t", "+foreground", "+configfile", "virtuoso.ini"],
            cwd=folder,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.url = f"http://127.0.0.1:{http_port}/sparql"
        wait_ready(self.url + "?query=ASK%7B%7D", self.process, timeout=120)
        self.sql(GRANT)

    def cpu(self) -> float:
        seconds: float = _cpu_seconds(self.process.pid)
        return seconds

    def sql(self, statements: str) -> str:
        done = subprocess.run(
            ["isql-vt", f"127.0.0.1:{self.sql_port}", "dba", "dba", f"exec={statements}"],
            capture_output=True,
            text=True,
            timeout=3600,
            check=True,
        )
        return done.stdout

    def triples(self) -> int:
        printed = self.sql(f"SELECT COUNT(*) FROM DB.DBA.RDF_QUAD WHERE starts_with(id_to_iri(G), '{GOVGRAPH}');")
        return int([line for line in printed.splitlines() if line.strip().isdigit()][-1])


def _served(virtuoso: Virtuoso, action: Callable[[], object]) -> dict:
    """Wall seconds and the server's CPU seconds of `action`."""
    cpu, started = virtuoso.cpu(), time.perf_counter()
    action()
    return {"wall": time.perf_counter() - started, "server_cpu": virtuoso.cpu() - cpu}


def _plain(table: object) -> object:
    """An answer as comparable values: True/False, or sorted rows of Python values (lexical forms for the rest)."""
    if isinstance(table, bool):
        return table
    return sorted((tuple(None if t is None else repr(t.toPython()) for t in row) for row in table.rows), key=repr)  # type: ignore[attr-defined]


def _p50(run: Callable[[], object], repeat: int) -> tuple[float, object]:
    """The median wall seconds of `repeat` runs after a warm-up (fewer once BUDGET s are spent), and the answer."""
    answer = run()
    times: list[float] = []
    while not times or (len(times) < repeat and sum(times) < BUDGET):
        started = time.perf_counter()
        answer = run()
        times.append(time.perf_counter() - started)
    return statistics.median(times), answer


def _embedded_load(build: Path, work: Path, timeout: float) -> dict:
    """pyoxigraph's bulk load of the same N-Quads into a new on-disk store, in a child process."""
    target = work / "serve-embedded-store"
    shutil.rmtree(target, ignore_errors=True)
    code = "import sys, pyoxigraph as ox; ox.Store(sys.argv[2]).bulk_load(path=sys.argv[1], format=ox.RdfFormat.N_QUADS)"
    loaded: dict = measure([sys.executable, "-c", code, str(build / "govgraph.nq"), str(target)], timeout)
    shutil.rmtree(target, ignore_errors=True)
    return loaded


def rows(home: Path, work: Path, timeout: float, repeat: int = 5) -> list[dict]:
    """The stage's rows for run.py's table: {stage, ours (Virtuoso), reference (embedded store), unit, same?, note?}."""
    if shutil.which("virtuoso-t") is None or shutil.which("isql-vt") is None:
        return [{"stage": "serve: Virtuoso", "ours": None, "reference": None, "unit": "s", "note": "virtuoso-t not installed"}]
    from govgraph.errors import GovgraphError
    from govgraph.queries import list_queries
    from govgraph.source import open_store

    build = (work / "build").resolve()
    quads = (build / "govgraph.nq").read_bytes().count(b"\n")
    folder = Path(tempfile.mkdtemp(prefix="govgraph-serve-"))
    virtuoso = Virtuoso(folder)
    found: list[dict] = []
    try:
        load_dir = folder / "load"
        load_dir.mkdir()
        shutil.copyfile(build / "govgraph.nq", load_dir / "govgraph.nq")
        bulk = _served(virtuoso, lambda: virtuoso.sql(BULK_LOAD.format(base=GOVGRAPH, folder=load_dir)))
        held = virtuoso.triples()
        embedded = _embedded_load(build, work, timeout)
        found.append(
            {
                "stage": f"serve: bulk load {quads:,} quads, Virtuoso vs embedded (CPU s)",
                "ours": bulk["server_cpu"],
                "reference": embedded["cpu"],
                "unit": "s",
                "same": held == quads,
                "note": f"wall {bulk['wall']:.1f} s vs {embedded['wall']:.1f} s",
            }
        )
        env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), GOVGRAPH_HOME=str(home), GOVGRAPH_BUILD=str(build))
        publish = [
            sys.executable,
            "-m",
            "govgraph.cli",
            "publish",
            "--endpoint",
            virtuoso.url,
            "--user",
            "dba",
            "--password",
            "dba",
        ]
        cpu_before = virtuoso.cpu()
        published = measure(publish, timeout, env)
        found.append(
            {
                "stage": "serve: govgraph publish to Virtuoso (CPU s: govgraph + server)",
                "ours": published["cpu"] + virtuoso.cpu() - cpu_before,
                "reference": None,
                "unit": "s",
                "same": virtuoso.triples() == quads,
                "note": f"govgraph {published['cpu']:.1f} s, peak {published['usage'].ru_maxrss / 1024:.0f} MiB; wall {published['wall']:.1f} s",
            }
        )
        with open_store(virtuoso.url) as served, open_store(location=build / "store") as local:
            for question in list_queries():
                try:
                    theirs, remote = _p50(partial(question.run, served, timeout=QUESTION_TIMEOUT, limit=LIMIT), repeat)
                    ours, answer = _p50(partial(question.run, local, timeout=QUESTION_TIMEOUT, limit=LIMIT), repeat)
                except GovgraphError as error:
                    found.append(
                        {
                            "stage": f"serve: {question.name}",
                            "ours": None,
                            "reference": None,
                            "unit": "ms",
                            "note": str(error)[:100],
                        }
                    )
                    continue
                found.append(
                    {
                        "stage": f"serve: {question.name} p50, Virtuoso vs embedded",
                        "ours": theirs * 1000,
                        "reference": ours * 1000,
                        "unit": "ms",
                        "same": _plain(remote) == _plain(answer),
                    }
                )
    finally:
        stop(virtuoso.process, grace=60)
        shutil.rmtree(folder, ignore_errors=True)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--home", type=Path, required=True, help="a GOVGRAPH_HOME (benchmarks/synthetic.py)")
    parser.add_argument("--work", type=Path, help="holds build/ (default: the home)")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each question after a warm-up (default: %(default)s)")
    parser.add_argument("--timeout", type=float, default=3600, help="safety limit in CPU seconds per child")
    parser.add_argument("--json", type=Path, help="also write the rows here")
    args = parser.parse_args(argv)
    found = rows(args.home, args.work or args.home, args.timeout, args.repeat)
    from run import table  # the one table format of the benchmark

    print(table(found))
    if args.json:
        args.json.write_text(json.dumps(found, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
