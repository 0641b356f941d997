"""The one benchmark command: every stage at each size, beside its reference, as a table and JSON.

For each size a synthetic GOVGRAPH_HOME is generated (`synthetic.py`: the reference data grows
with the corpus) and each stage runs in its own child process, so that CPU time and peak RSS
are clean:

  build      `govgraph build` end to end        vs  raw pyoxigraph loading the same files in memory
  validate   the SPARQL engine + the checks      vs  pyshacl on an rdflib graph (rdflib parse too)
  questions  every saved question, warm API      vs  raw pyoxigraph on the same text, same store
             (p50 and p95 wall ms of repeated runs; rows compared, not just counted), and the
             first page of 100 rows of each SELECT (`offset=0, limit=100`) beside the whole answer
  queries    `govgraph queries`, whole process
  fixed cost one small saved question, many runs  vs  raw pyoxigraph on the same text
  CLI start  `govgraph --help`, a seed question,  vs  `python -c "import pyoxigraph"`
             `govgraph queries`

Times are CPU seconds of the child (`wait4` rusage), except question latencies, which are
wall milliseconds (the embedded store answers from its own worker process). Where the fast and
the reference path can give the same answer (triples loaded, rows of each question) the table
says whether they did: `--check` exits 1 if any differs (the smoke test runs `--sizes 10k --check`).

Usage: python benchmarks/run.py [--sizes 10k,100k,1M] [--work DIR] [--json FILE] [--check] [--stages questions,…]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from scale import Clock, measure  # noqa: E402 (benchmarks/ is not a package on the path)

#: The saved question whose run is nearly all fixed cost (one commitment, one row).
SMALL_QUESTION = "commitment-provenance"
#: The page the app and `govgraph query --offset` ask for first.
PAGE_SIZE = 100
#: Enough commitments to bind a different one on each run of it.
COMMITMENTS = "SELECT ?c WHERE { ?c a <https://w3id.org/govgraph/ontology#Commitment> } LIMIT 500"


def _emit(**values: object) -> None:
    print(json.dumps(values), flush=True)


def _files(home: Path) -> list[Path]:
    from govgraph import paths

    return [home / "ontology" / "govgraph.ttl"] + paths.data_files(home / "data")


# --- steps, each in its own process ----------------------------------------------------------


def step_raw_load(home: Path, work: Path) -> None:
    """The reference for build: pyoxigraph parses every file into its named graph of an in-memory store."""
    import pyoxigraph as ox

    clock = Clock()
    store = ox.Store()
    for path in _files(home):
        store.load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(path.resolve().as_uri()))
    _emit(phase="raw-load", triples=len(store), **clock.lap())


def step_validate(home: Path, work: Path) -> None:
    """govgraph's validation (shapes compiled to SPARQL, then the checks) on a loaded store."""
    from govgraph import loading
    from govgraph.store import MemoryStore
    from govgraph.validate import check_findings, validate_store

    files = _files(home)
    store = loading.load_store(files)
    clock = Clock()
    report = validate_store(store, files[1:])
    _emit(phase="validate", conforms=report.conforms, findings=len(report.findings), **clock.lap())
    clock = Clock()
    checks = check_findings(MemoryStore(store))
    _emit(phase="checks", findings=len(checks), **clock.lap())


def step_pyshacl(home: Path, work: Path, limit: float) -> None:
    """The reference: rdflib parses every file into one graph, pyshacl validates it (stopped after `limit` CPU s)."""
    import signal

    import pyshacl
    from rdflib import Graph

    clock = Clock()
    graph = Graph()
    for path in _files(home):
        graph.parse(path, format="turtle")
    _emit(phase="rdflib-load", triples=len(graph), **clock.lap())
    shapes = Graph().parse(home / "ontology" / "shapes.ttl").parse(home / "ontology" / "recommendations.ttl")

    def stop(*_: object) -> None:
        raise TimeoutError

    clock = Clock()
    signal.signal(signal.SIGPROF, stop)
    signal.setitimer(signal.ITIMER_PROF, limit)  # CPU seconds, not wall
    try:
        conforms = pyshacl.validate(graph, shacl_graph=shapes, advanced=True, allow_warnings=True)[0]
    except TimeoutError:
        _emit(phase="pyshacl", timed_out=limit, **clock.lap())
        return
    signal.setitimer(signal.ITIMER_PROF, 0)
    _emit(phase="pyshacl", conforms=bool(conforms), **clock.lap())


def _latencies(function, repeat: int, budget: float) -> tuple[list[float], object]:
    """Wall seconds of repeated calls (a warm-up first when it is quick), stopping once `budget` s are spent."""
    started = time.perf_counter()
    answer = function()
    first = time.perf_counter() - started
    times = [] if first < 1 else [first]
    while not times or (len(times) < repeat and sum(times) + first < budget):
        began = time.perf_counter()
        answer = function()
        times.append(time.perf_counter() - began)
    return times, answer


def _percentile(times: list[float], fraction: float) -> float:
    ordered = sorted(times)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def step_questions(home: Path, work: Path, repeat: int, budget: float, timeout: float) -> None:
    """Every saved question through the API on the built store, then raw pyoxigraph on the same text."""
    import pyoxigraph as ox

    from govgraph import paths, safety
    from govgraph.errors import GovgraphError
    from govgraph.queries import find_query, list_queries
    from govgraph.store import EmbeddedStore
    from govgraph.store.results import ResultTable
    from govgraph.terms import from_oxigraph

    limit = 1_000_000
    store = EmbeddedStore(paths.STORE_DIR)
    raw = ox.Store.read_only(str(paths.STORE_DIR))

    def _term(term: object) -> object:
        return None if term is None else from_oxigraph(term)  # an unbound variable stays None, as in ours

    def raw_answer(text: str) -> object:
        result = raw.query(text, use_default_graph_as_union=True)
        if isinstance(result, ox.QueryBoolean):
            return bool(result)
        return [tuple(_term(solution[v]) for v in result.variables) for solution in result]

    def ours_answer(answer: object) -> object:
        return [tuple(row) for row in answer.rows] if isinstance(answer, ResultTable) else answer

    for question in list_queries(paths.QUERIES_DIR):
        text = safety.bind(question.text, question.bindings(), limit).text
        try:
            times, answer = _latencies(lambda q=question: q.run(store, timeout=timeout, limit=limit), repeat, budget)
        except GovgraphError as error:
            _emit(phase="question", name=question.name, error=str(error)[:120])
            continue
        ours = ours_answer(answer)
        raw_times, theirs = _latencies(lambda t=text: raw_answer(t), repeat, budget)
        _emit(
            phase="question",
            name=question.name,
            rows=len(ours) if isinstance(ours, list) else 1,
            same=ours == theirs,
            p50=statistics.median(times),
            p95=_percentile(times, 0.95),
            raw_p50=statistics.median(raw_times),
            raw_p95=_percentile(raw_times, 0.95),
        )
        if question.plain is not None:  # the form counting the curated graph, beside the one reading the derived graph
            plain = safety.bind(question.plain, question.bindings(), limit).text
            raw_times, theirs = _latencies(lambda t=plain: raw_answer(t), repeat, budget)
            _emit(
                phase="plain",
                name=question.name,
                same=ours == theirs,
                raw_p50=statistics.median(raw_times),
                raw_p95=_percentile(raw_times, 0.95),
            )
        if question.form != "SELECT":
            continue
        paged = safety.bind(question.text, question.bindings(), PAGE_SIZE, 0).text
        times, answer = _latencies(lambda q=question: q.run(store, timeout=timeout, limit=PAGE_SIZE, offset=0), repeat, budget)
        raw_times, theirs = _latencies(lambda t=paged: raw_answer(t)[:PAGE_SIZE], repeat, budget)
        _emit(
            phase="page",
            name=question.name,
            rows=len(answer.rows),
            same=ours_answer(answer) == theirs == ours[:PAGE_SIZE],
            p50=statistics.median(times),
            p95=_percentile(times, 0.95),
            raw_p50=statistics.median(raw_times),
            raw_p95=_percentile(raw_times, 0.95),
        )
    # A new value each run, as in the app: a text seen before would be answered from caches.
    small = find_query(SMALL_QUESTION, paths.QUERIES_DIR)
    commitments = iter(row[0] for row in raw_answer(COMMITMENTS))
    times, _ = _latencies(lambda: small.run(store, {"commitment": next(commitments)}, limit=limit), 200, budget)
    texts = iter(safety.bind(small.text, {"commitment": row[0]}, limit).text for row in raw_answer(COMMITMENTS))
    raw_times, _ = _latencies(lambda: raw_answer(next(texts)), 200, budget)
    _emit(phase="fixed-cost", p50=statistics.median(times), raw_p50=statistics.median(raw_times))
    store.close()


STEPS = {"raw-load": step_raw_load, "validate": step_validate}
#: What `--stages` can choose; the build (and its reference) always runs: the others read it.
STAGES = ("validate", "questions", "exports", "network", "serve")


# --- the driver ----------------------------------------------------------------------------------


def _env(home: Path | None = None, build: Path | None = None) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(HERE)]))
    if home is not None:
        env["GOVGRAPH_HOME"] = str(home)
    if build is not None:
        env["GOVGRAPH_BUILD"] = str(build)
    return env


def _child(step: str, home: Path, work: Path, timeout: float, *extra: str) -> dict:
    run = measure(
        [sys.executable, __file__, "--step", step, "--home", str(home), "--work", str(work), *extra],
        timeout,
        _env(home, work / "build"),
    )
    if run["timed_out"]:
        raise SystemExit(f"step {step} passed the {timeout:.0f} s safety timeout")
    return run


def _lines(run: dict, phase: str) -> list[dict]:
    return [line for line in run["lines"] if line["phase"] == phase]


def _cli_cpu(args: list[str], env: dict[str, str], runs: int = 3) -> float:
    """The median CPU seconds of a whole process (start, imports, work, exit)."""
    return statistics.median(measure(args, 120, env)["cpu"] for _ in range(runs))


def cli_start() -> list[dict]:
    """Whole-process CPU seconds of starting govgraph, on the checkout's own (seed) build."""
    env = _env()
    govgraph = [sys.executable, "-m", "govgraph.cli"]
    reference = _cli_cpu([sys.executable, "-c", "import pyoxigraph"], env)
    return [
        {"stage": "CLI: govgraph --help", "ours": _cli_cpu([*govgraph, "--help"], env), "reference": reference, "unit": "s"},
        {
            "stage": "CLI: govgraph query commitments-by-forum (seed)",
            "ours": _cli_cpu([*govgraph, "query", "commitments-by-forum"], env),
            "reference": reference,
            "unit": "s",
        },
        {"stage": "CLI: govgraph queries", "ours": _cli_cpu([*govgraph, "queries"], env), "reference": reference, "unit": "s"},
    ]


def bench(size: int, work: Path, args: argparse.Namespace) -> list[dict]:
    """Every stage at one size: rows of {stage, ours, reference, unit, same?}."""
    from synthetic import generate

    home = work / f"home-{size}"
    if not any((home / "data" / "statements").glob("synth-*.ttl")):
        generate(home, triples=size)
    scratch = work / f"scratch-{size}"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    rows: list[dict] = []

    built = measure([sys.executable, "-m", "govgraph.cli", "build"], args.timeout, _env(home, scratch / "build"))
    if built["timed_out"] or built["usage"] is None:
        raise SystemExit(f"govgraph build passed the {args.timeout:.0f} s safety timeout at {size:,} triples")
    raw = _child("raw-load", home, scratch, args.timeout)
    loaded = _lines(raw, "raw-load")[0]
    rows.append({"stage": "build (CPU s)", "ours": built["cpu"], "reference": raw["cpu"], "unit": "s"})
    rows.append(
        {
            "stage": "build: peak RSS (MiB)",
            "ours": built["usage"].ru_maxrss / 1024,
            "reference": raw["usage"].ru_maxrss / 1024,
            "unit": "MiB",
        }
    )

    parsed = None
    if "validate" in args.stages:
        validated = _child("validate", home, scratch, args.timeout)
        ours, checks = _lines(validated, "validate")[0], _lines(validated, "checks")[0]
        shacl = _child("pyshacl", home, scratch, args.timeout, "--pyshacl-timeout", str(args.pyshacl_timeout))
        parsed, reference = _lines(shacl, "rdflib-load")[0], _lines(shacl, "pyshacl")
        rows.append(
            {"stage": f"load {loaded['triples']:,} triples: rdflib parse", "ours": None, "reference": parsed["cpu"], "unit": "s"}
        )
        checked = reference[0] if reference else {"timed_out": args.pyshacl_timeout, "cpu": args.pyshacl_timeout}
        rows.append(
            {
                "stage": "validate (CPU s) vs pyshacl",
                "ours": ours["cpu"],
                "reference": checked["cpu"],
                "reference_timed_out": "timed_out" in checked,
                "unit": "s",
                "note": f"conforms {ours['conforms']}, {ours['findings']} findings",
            }
        )
        rows.append({"stage": "validate: the checks alone (CPU s)", "ours": checks["cpu"], "reference": None, "unit": "s"})

    if "questions" in args.stages:
        asked = _child(
            "questions",
            home,
            scratch,
            args.timeout * 4,
            "--repeat",
            str(args.repeat),
            "--budget",
            str(args.budget),
            "--question-timeout",
            str(args.question_timeout),
        )
        pages = {line["name"]: line for line in _lines(asked, "page")}
        for line in _lines(asked, "question"):
            if "error" in line:
                rows.append(
                    {"stage": f"question {line['name']}", "ours": None, "reference": None, "unit": "ms", "note": line["error"]}
                )
                continue
            shown = [(line, f"({line['rows']} rows)")]
            if line["name"] in pages:
                shown.append((pages[line["name"]], f"first page of {PAGE_SIZE}"))
            for figures, what in shown:
                for which in ("p50", "p95"):
                    rows.append(
                        {
                            "stage": f"question {line['name']} {which} {what}",
                            "ours": figures[which] * 1000,
                            "reference": figures[f"raw_{which}"] * 1000,
                            "unit": "ms",
                            "same": figures["same"],
                        }
                    )
        whole = {line["name"]: line for line in _lines(asked, "question") if "error" not in line}
        for line in _lines(asked, "plain"):
            for which in ("p50", "p95"):
                rows.append(
                    {
                        "stage": f"question {line['name']} {which}: reading the derived graph vs raw, plain form",
                        "ours": whole[line["name"]][which] * 1000,
                        "reference": line[f"raw_{which}"] * 1000,
                        "unit": "ms",
                        "same": line["same"],
                    }
                )
        fixed = _lines(asked, "fixed-cost")[0]
        rows.append(
            {
                "stage": f"fixed cost per question ({SMALL_QUESTION}, p50)",
                "ours": fixed["p50"] * 1000,
                "reference": fixed["raw_p50"] * 1000,
                "unit": "ms",
            }
        )
    rows.append(
        {
            "stage": "build: triples loaded",
            "ours": loaded["triples"],
            "reference": parsed["triples"] if parsed else None,
            "unit": "",
            "note": "raw pyoxigraph (quads) vs rdflib (distinct triples)",
        }
    )
    if "exports" in args.stages:
        rows += __import__("stage_exports").rows(home, args.timeout)
    if "network" in args.stages:
        rows += __import__("stage_network").rows(home, scratch, args.timeout)  # igraph beside networkx on the built store
    if "serve" in args.stages:
        rows += __import__("stage_serve").rows(home, scratch, args.timeout, args.repeat)  # Virtuoso beside the embedded store
    shutil.rmtree(scratch, ignore_errors=True)
    return rows


def _shown(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    if unit == "ms":
        return f"{value:,.1f} ms"
    if unit == "s":
        return f"{value:,.2f} s"
    return f"{value:,.0f}"


def ratio(row: dict) -> str:
    ours, reference = row.get("ours"), row.get("reference")
    if ours is None or reference is None or not ours:
        return "–"
    value = ours / max(reference, 1e-6)
    return f"{value:.2f}x" if value < 1 else f"{value:.1f}x" if value < 100 else f"{value:.0f}x"


def table(rows: list[dict]) -> str:
    """A Markdown table: govgraph, the reference, govgraph's time as a multiple of it, and whether the answers agree."""
    out = [
        f"| {'stage':<66} | {'govgraph':>12} | {'reference':>12} | {'ratio':>7} | same |",
        f"|{'-' * 68}|{'-' * 13}:|{'-' * 13}:|{'-' * 8}:|------|",
    ]
    for row in rows:
        reference = _shown(row["reference"], row["unit"])
        if row.get("reference_timed_out"):
            reference = "> " + reference
        same = {True: "yes", False: "NO"}.get(row.get("same"), "")
        note = f" ({row['note']})" if row.get("note") else ""
        out.append(
            f"| {row['stage'] + note:<66} | {_shown(row['ours'], row['unit']):>12} | {reference:>12} | {ratio(row):>7} | {same:<4} |"
        )
    return "\n".join(out)


def _size(text: str) -> int:
    text = text.strip().lower()
    scale = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    return int(float(text.rstrip("km")) * scale)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10k,100k", help="comma-separated sizes, e.g. 10k,100k,1M (default: %(default)s)")
    parser.add_argument("--work", type=Path, help="working folder, reused between runs (default: a temporary one)")
    parser.add_argument("--json", type=Path, help="write the figures here (default: run-DATE.json in the current folder)")
    parser.add_argument("--check", action="store_true", help="exit 1 if any fast and reference answer differ")
    parser.add_argument("--repeat", type=int, default=7, help="runs of each question (default: %(default)s)")
    parser.add_argument("--budget", type=float, default=5, help="seconds of repeats per question at most (default: %(default)s)")
    parser.add_argument("--question-timeout", type=float, default=60, help="wall seconds per question (default: %(default)s)")
    parser.add_argument("--pyshacl-timeout", type=float, default=120, help="CPU seconds for pyshacl (default: %(default)s)")
    parser.add_argument("--timeout", type=float, default=900, help="safety limit in CPU seconds per step (default: %(default)s)")
    parser.add_argument(
        "--stages",
        type=lambda text: set(text.split(",")),
        default=set(STAGES),
        help=f"stages to run after the build, comma-separated (default: all of {','.join(STAGES)})",
    )
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("--home", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.step:
        if args.step == "pyshacl":
            step_pyshacl(args.home, args.work, args.pyshacl_timeout)
        elif args.step == "questions":
            step_questions(args.home, args.work, args.repeat, args.budget, args.question_timeout)
        else:
            STEPS[args.step](args.home, args.work)
        return 0
    work = args.work or Path(tempfile.mkdtemp(prefix="govgraph-run-"))
    work.mkdir(parents=True, exist_ok=True)
    import pyoxigraph
    import pyshacl
    import rdflib

    figures: dict = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, load {os.getloadavg()[0]:.1f}",
        "versions": {"pyoxigraph": pyoxigraph.__version__, "rdflib": rdflib.__version__, "pyshacl": pyshacl.__version__},
        "sizes": {},
    }
    print(f"govgraph benchmark, {figures['date']}, {figures['machine']}")
    print("ratio: govgraph's figure as a multiple of the reference's (lower is better)")
    different = 0
    print("\n## start\n")
    start = cli_start() + __import__("stage_ingest").rows(args.timeout)  # ingest does not grow with the graph: once
    figures["start"] = start
    print(table(start), flush=True)
    for size in (_size(s) for s in args.sizes.split(",")):
        began = time.perf_counter()
        print(f"\n## {size:,} triples (synthetic)\n", flush=True)
        rows = bench(size, work, args)
        figures["sizes"][str(size)] = rows
        print(table(rows))
        print(f"\n({time.perf_counter() - began:.0f} s for this size)", flush=True)
        different += sum(1 for row in rows if row.get("same") is False)
    target = args.json or Path(f"run-{time.strftime('%Y-%m-%d')}.json")
    target.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    print(f"\nfigures written to {target}")
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    if args.check and different:
        print(f"{different} answer(s) differ between the fast and the reference path", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
