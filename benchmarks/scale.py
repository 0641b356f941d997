"""Scale benchmark: govgraph's engines beside the plain rdflib + pyshacl way, in one run.

For each size (default 100k and 1M triples of synthetic data, see benchmarks/synthetic.py) it
measures, each step in a fresh subprocess so that wall time, CPU time and peak RSS are clean:

  load      rdflib Graph.parse of every file      vs  govgraph.loading.load_store (pyoxigraph)
  validate  pyshacl.validate on that rdflib graph  vs  the SPARQL engine on the store
  queries   analyst questions on the rdflib graph  vs  the same SPARQL on the store
  build     `govgraph build` end to end (parse, validate, N-Quads, on-disk store)

A step that passes its timeout is killed and printed as "> N s (timed out)".

Usage: python benchmarks/scale.py [--triples 100000,1000000] [--work DIR] [--pyshacl-timeout 200]
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyoxigraph

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

#: Representative analyst questions (union of all graphs), written once for both engines.
QUERIES = {
    "commitments by forum": """
        PREFIX gg: <https://w3id.org/govgraph/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?forum ?label (COUNT(?c) AS ?n) WHERE {
            ?c a gg:Commitment ; gg:forum ?forum . ?forum rdfs:label ?label .
        } GROUP BY ?forum ?label ORDER BY DESC(?n) ?forum""",
    "due by 2025": """
        PREFIX gg: <https://w3id.org/govgraph/ontology#>
        PREFIX time: <http://www.w3.org/2006/time#>
        SELECT ?c ?quote ?year WHERE {
            ?c a gg:Commitment ; gg:quote ?quote ; gg:targetTime/time:inXSDgYear ?year .
            FILTER (STR(?year) <= "2025")
        } ORDER BY ?year ?c""",
    "counts by act kind": """
        PREFIX gg: <https://w3id.org/govgraph/ontology#>
        SELECT ?kind (COUNT(?s) AS ?n) WHERE { ?s gg:actKind ?kind } GROUP BY ?kind ORDER BY ?kind""",
    "provenance of one": """
        PREFIX gg: <https://w3id.org/govgraph/ontology#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?doc ?title ?number ?quote WHERE {
            <https://w3id.org/govgraph/id/statement/synth-000001-p1-s1> gg:quote ?quote ;
                dcterms:source ?doc ; gg:inParagraph/gg:number ?number .
            OPTIONAL { ?doc dcterms:title ?title }
        }""",
}


# --- steps, each run in its own process ----------------------------------------------------------


def _files(home: Path) -> list[Path]:
    from govgraph import paths

    return [home / "ontology" / "govgraph.ttl"] + paths.data_files(home / "data")


def _rdflib_graph(home: Path):
    from rdflib import Graph

    graph = Graph()
    for path in _files(home):
        graph.parse(path, format="turtle")
    return graph


def _emit(**values) -> None:
    print(json.dumps(values), flush=True)


class Clock:
    """Wall and CPU seconds (all threads of this process) since start: CPU is what a busy machine cannot inflate."""

    def __init__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def lap(self) -> dict:
        return {"seconds": time.perf_counter() - self.wall, "cpu": time.process_time() - self.cpu}


def _rss_mib() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class CpuLimit(Exception):
    pass


def _select_rows(store: "pyoxigraph.Store", text: str) -> int:
    """The number of rows a SELECT over the union of the graphs answers in a pyoxigraph store."""
    import pyoxigraph as ox

    solutions = store.query(text, use_default_graph_as_union=True)
    assert isinstance(solutions, ox.QuerySolutions)
    return len(list(solutions))


def step(name: str, home: Path, pyshacl_limit: float) -> None:
    """One engine in one process: load, the analyst queries, then validation (peak RSS after each)."""
    started = Clock()
    if name == "rdflib":
        graph = _rdflib_graph(home)
        _emit(phase="load", triples=len(graph), rss=_rss_mib(), **started.lap())
        run = lambda text: len(list(graph.query(text)))  # noqa: E731
    else:
        from govgraph import loading

        store = loading.load_store(_files(home))
        _emit(phase="load", triples=len(store), rss=_rss_mib(), **started.lap())
        run = lambda text: _select_rows(store, text)  # noqa: E731
    for title, text in QUERIES.items():
        began = Clock()
        rows = run(text)
        _emit(phase="query", query=title, rows=rows, **began.lap())
    began = Clock()
    if name == "rdflib":
        import signal

        import pyshacl
        from rdflib import Graph

        shapes = Graph().parse(home / "ontology" / "shapes.ttl").parse(home / "ontology" / "recommendations.ttl")

        def stop(*_):
            raise CpuLimit

        signal.signal(signal.SIGPROF, stop)
        signal.setitimer(signal.ITIMER_PROF, pyshacl_limit)  # counts CPU seconds, not wall
        try:
            conforms, _, _ = pyshacl.validate(graph, shacl_graph=shapes, advanced=True, allow_warnings=True)
        except CpuLimit:
            _emit(phase="validate", timed_out=pyshacl_limit, rss=_rss_mib(), **began.lap())
            return
        signal.setitimer(signal.ITIMER_PROF, 0)
        _emit(phase="validate", conforms=conforms, rss=_rss_mib(), **began.lap())
    else:
        from govgraph.shacl_sparql import sparql_findings

        shapes = loading.load([home / "ontology" / "shapes.ttl", home / "ontology" / "recommendations.ttl"])
        findings = sparql_findings(store, shapes)
        violations = [f for f in findings if f.severity == "Violation"]
        _emit(phase="validate", conforms=not violations, warnings=len(findings) - len(violations), rss=_rss_mib(), **began.lap())


# --- the driver ------------------------------------------------------------------------------------


def _cpu_seconds(pid: int) -> float:
    """CPU seconds a running process has used: the timeout counts these, so a busy machine does not cut a step short."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def measure(args: list[str], timeout: float, env: dict | None = None) -> dict:
    """Run a child; its wall seconds, rusage (CPU, peak RSS), JSON lines, and whether it timed out."""
    started = time.perf_counter()
    timed_out = False
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        child = subprocess.Popen(args, stdout=out, stderr=err, env=env)
        while True:  # wait4 rather than communicate: it gives this child's own rusage
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if _cpu_seconds(child.pid) > timeout or time.perf_counter() - started > 4 * timeout:
                timed_out = True
                child.kill()
                _, status, usage = os.wait4(child.pid, 0)
                break
            time.sleep(0.05)
        child.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        lines = [json.loads(line) for line in out.read().splitlines() if line.startswith("{")]
        errors = err.read()
    if child.returncode != 0 and not timed_out:
        raise SystemExit(f"step {' '.join(args[-3:])} failed:\n{errors[-2000:]}")
    return {"wall": wall, "lines": lines, "timed_out": timed_out, "usage": usage, "cpu": usage.ru_utime + usage.ru_stime}


def run_step(name: str, home: Path, timeout: float, pyshacl_limit: float) -> dict:
    return measure(
        [sys.executable, __file__, "--step", name, "--home", str(home), "--pyshacl-timeout", str(pyshacl_limit)], timeout, _env()
    )


def _env(**extra) -> dict:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT)]), **extra)
    return env


def peak_rss(usage) -> str:
    return f"{usage.ru_maxrss / 1024:,.0f} MiB"


def cell(line: dict | None) -> str:
    """CPU seconds, with wall seconds after them."""
    return "–" if line is None else f"{line['cpu']:.2f} s ({line['seconds']:.1f} wall)"


def ratio(slow: float | None, fast: float | None, timed_out: bool = False) -> str:
    if slow is None or not fast:
        return "–"
    value = slow / max(fast, 0.001)
    return f"{'> ' if timed_out else ''}{value:.0f}x" if value >= 10 else f"{'> ' if timed_out else ''}{value:.1f}x"


def bench(size: int, work: Path, timeout: float, pyshacl_limit: float) -> list[tuple]:
    from synthetic import generate

    home = work / f"home-{size}"
    if not (home / "data" / "statements").is_dir():
        generate(home, triples=size)
    theirs, ours = run_step("rdflib", home, timeout, pyshacl_limit), run_step("oxigraph", home, timeout, pyshacl_limit)
    if theirs["timed_out"] or ours["timed_out"]:
        raise SystemExit(f"a step passed the {timeout:.0f} s safety timeout at {size} triples")
    phase = lambda run, name: [line for line in run["lines"] if line["phase"] == name]  # noqa: E731
    r, o = phase(theirs, "load")[0], phase(ours, "load")[0]
    rows = [
        (f"load: parse {o['triples']:,} triples", cell(r), cell(o), ratio(r["cpu"], o["cpu"])),
        ("load: peak RSS", f"{r['rss']:,.0f} MiB", f"{o['rss']:,.0f} MiB", ratio(r["rss"], o["rss"])),
    ]
    by_title = {line["query"]: line for line in phase(ours, "query")}
    for line in phase(theirs, "query"):
        mine = by_title[line["query"]]
        same = "" if mine["rows"] == line["rows"] else f" ROWS DIFFER ({line['rows']})"
        rows.append(
            (f"query: {line['query']} ({mine['rows']} rows)", cell(line), cell(mine) + same, ratio(line["cpu"], mine["cpu"]))
        )
    r, o = phase(theirs, "validate")[0], phase(ours, "validate")[0]
    if "timed_out" in r:
        rows.append(
            (
                "validate: pyshacl vs SPARQL engine",
                f"> {r['timed_out']:.0f} s (timed out)",
                cell(o),
                ratio(r["timed_out"], o["cpu"], True),
            )
        )
    else:
        rows.append(("validate: pyshacl vs SPARQL engine", cell(r), cell(o), ratio(r["cpu"], o["cpu"])))
    rows.append(("validate: conforms", str(r.get("conforms", "?")), f"{o['conforms']} ({o['warnings']} warnings)", ""))
    rows.append(
        (
            "peak RSS of the whole process",
            f"{theirs['usage'].ru_maxrss / 1024:,.0f} MiB",
            f"{ours['usage'].ru_maxrss / 1024:,.0f} MiB",
            ratio(theirs["usage"].ru_maxrss, ours["usage"].ru_maxrss),
        )
    )
    build_dir = work / f"build-{size}"
    shutil.rmtree(build_dir, ignore_errors=True)
    built = measure(
        [sys.executable, "-m", "govgraph.cli", "build"], timeout, _env(GOVGRAPH_HOME=str(home), GOVGRAPH_BUILD=str(build_dir))
    )
    shown = (
        f"> {timeout:.0f} s (timed out)"
        if built["timed_out"]
        else f"{built['cpu']:.2f} s ({built['wall']:.1f} wall), {peak_rss(built['usage'])}"
    )
    rows.append(("govgraph build, end to end (CPU, wall, RSS)", "", shown, ""))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", default="100000,1000000", help="comma-separated sizes (default: %(default)s)")
    parser.add_argument("--work", type=Path, help="working directory, reused between runs (default: a temporary one)")
    parser.add_argument(
        "--pyshacl-timeout",
        type=float,
        default=200,
        help="CPU seconds pyshacl may validate before it is stopped (default: %(default)s)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=900,
        help="safety limit in CPU seconds for any process (wall: four times that) (default: %(default)s)",
    )
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("--home", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.step:
        step(args.step, args.home, args.pyshacl_timeout)
        return 0
    sys.path.insert(0, str(HERE))
    work = args.work or Path(tempfile.mkdtemp(prefix="govgraph-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    print(
        f"govgraph scale benchmark, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores, "
        f"pyshacl stopped after {args.pyshacl_timeout:.0f} CPU s; times are CPU s (wall s in brackets)"
    )
    for size in (int(s) for s in args.triples.split(",")):
        began = time.perf_counter()
        print(f"\n## {size:,} triples (synthetic)\n")
        print(f"| {'measure':<48} | {'rdflib / pyshacl':>24} | {'govgraph (pyoxigraph)':>26} | {'ratio':>8} |")
        print(f"|{'-' * 50}|{'-' * 26}:|{'-' * 28}:|{'-' * 9}:|")
        for name, theirs, ours, r in bench(size, work, args.timeout, args.pyshacl_timeout):
            print(f"| {name:<48} | {theirs:>24} | {ours:>26} | {r:>8} |", flush=True)
        print(f"\n({time.perf_counter() - began:.0f} s for this size)")
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
