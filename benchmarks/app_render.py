"""How long each explorer page takes to render, cold and warm, and the memory it takes.

Cold: Streamlit's caches emptied (the store is opened and every query runs). Warm: the same page
rendered again in a new session, so the cached store and answers are reused — what an analyst
gets on every click after the first. Pages run in Streamlit's AppTest, in this process, on real
embedded stores; wall seconds (what the analyst waits) and CPU seconds of this process plus its
children: the store's query worker and the validation process (what a loaded machine inflates less). Peak RSS is each process's high-water
mark (VmHWM), reset before every page: this process stands for the app's Streamlit process.

Without --home the graphs are the seed and a copy of it grown to --triples (the seed's statements
replicated under new IRIs). With --home DIR (a synthetic home from benchmarks/synthetic.py, built
with `GOVGRAPH_HOME=DIR govgraph build`) the pages read DIR/build/store and validate DIR/data, as
`govgraph --home DIR app` does. Target: every warm page under 1 s; the app under 1 GB.

Usage: PYTHONPATH=src python benchmarks/app_render.py [--triples 100000] [--repeat 3] [--home DIR]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

SEED_GRAPH = "https://w3id.org/govgraph/graph/document/g7-2023-digital-annex4"
IGF = "https://w3id.org/govgraph/id/forum/igf"
SEED_DOCUMENT = "https://w3id.org/govgraph/id/document/g7-2023-digital-annex4"
#: Each page with the URL parameters an analyst's link would carry.
PAGES: dict[str, dict[str, str]] = {
    "overview": {},
    "commitments": {},
    "commitments (words)": {"words": "internet"},
    "read": {"doc": SEED_DOCUMENT},
    "entity": {"iri": IGF},
    "workbench": {"question": "commitments-by-forum"},
    "network": {},
    "quality": {},
}
TARGET = 1.0
MIB = 1024 * 1024


@dataclass
class Render:
    """One page render: wall and CPU seconds, peak RSS of the app and of the query worker."""

    wall: float
    cpu: float
    app_mib: float
    worker_mib: float
    failed: str = ""


def replicate(quads: list, copies: int) -> list:
    """`copies` copies of the seed document's graph, with new IRIs for its document, paragraphs and statements."""
    import pyoxigraph as ox

    from govgraph.namespaces import DOC, STMT

    seed = [q for q in quads if getattr(q.graph_name, "value", "") == SEED_GRAPH]
    own = {
        q.subject.value for q in seed if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith((str(STMT), str(DOC)))
    }
    out: list = []
    for k in range(1, copies + 1):

        def move(term, k=k):
            return ox.NamedNode(f"{term.value}-copy{k}") if isinstance(term, ox.NamedNode) and term.value in own else term

        graph = ox.NamedNode(f"{SEED_GRAPH}-copy{k}")
        out += [ox.Quad(move(q.subject), q.predicate, move(q.object), graph) for q in seed]
    return out


def make_stores(folder: Path, triples: int) -> dict[str, tuple[Path, int]]:
    """The seed store and a large store of at least `triples` triples."""
    from govgraph import loading
    from govgraph.building import write_store

    quads = list(loading.load_store().quads_for_pattern(None, None, None))
    per_copy = sum(1 for q in quads if getattr(q.graph_name, "value", "") == SEED_GRAPH)
    copies = max(1, -(-(triples - len(quads)) // per_copy))
    large = quads + replicate(quads, copies)
    write_store(quads, folder / "seed")
    write_store(large, folder / "large")
    return {"seed": (folder / "seed", len(quads)), "large": (folder / "large", len(large))}


def children() -> list[int]:
    """This process's child processes (the embedded store's query worker), from /proc."""
    found = []
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        try:
            found += [int(pid) for pid in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def reset_peak(pid: int) -> None:
    """Start the process's peak RSS (VmHWM) again from its current RSS (Linux: clear_refs 5)."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
    except OSError:
        pass


def peak_mib(pid: int) -> float:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    line = next((line for line in status.splitlines() if line.startswith("VmHWM:")), "VmHWM: 0 kB")
    return int(line.split()[1]) * 1024 / MIB


def cpu_seconds(pid: int) -> float:
    """User plus system CPU seconds of a process so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def render(page: str) -> Render:
    """One page in a fresh AppTest session; an exception or an error box on the page is reported, not hidden."""
    from streamlit.testing.v1 import AppTest

    from govgraph.explore.launch import APP_FILE

    at = AppTest.from_file(str(APP_FILE), default_timeout=600)
    name = page.split(" ")[0]
    if name != "overview":
        at.switch_page(f"app_pages/{name}.py")
    for key, value in PAGES[page].items():
        at.query_params[key] = value
    before = {pid: cpu_seconds(pid) for pid in children()}
    for pid in [os.getpid(), *before]:
        reset_peak(pid)
    reaped = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu, started = time.process_time(), time.perf_counter()
    at.run()
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    workers = children()
    cpu += sum(cpu_seconds(pid) - before.get(pid, 0.0) for pid in workers)
    # Children that ended during the render (the validation process, a worker stopped at its time limit).
    ended = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu += ended.ru_utime + ended.ru_stime - reaped.ru_utime - reaped.ru_stime
    failed = str(at.exception[0].value) if at.exception else (str(at.error[0].value) if at.error else "")
    return Render(wall, cpu, peak_mib(os.getpid()), max((peak_mib(pid) for pid in workers), default=0.0), failed[:80])


def measure(store: Path, repeat: int) -> dict[str, tuple[Render, Render]]:
    """(cold, warm median by wall time) per page on one store."""
    import streamlit as st

    from govgraph.source import STORE_ENV

    os.environ[STORE_ENV] = str(store)
    figures = {}
    for page in PAGES:
        st.cache_data.clear()
        st.cache_resource.clear()
        cold = render(page)
        warm = sorted((render(page) for _ in range(repeat)), key=lambda r: r.wall)[repeat // 2]
        figures[page] = (cold, warm)
        print(
            f"  {page}: cold {cold.wall:.2f} s, warm {warm.wall:.2f} s {cold.failed or warm.failed}", file=sys.stderr, flush=True
        )
    return figures


def table(name: str, triples: int, results: dict[str, tuple[Render, Render]]) -> float:
    """Print one store's figures; returns the slowest warm page."""
    print(f"\n{name}: {triples:,} triples")
    print("| page | cold wall s | cold CPU s | warm wall s | warm CPU s | app peak MiB | worker peak MiB | note |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for page, (cold, warm) in results.items():
        app = max(cold.app_mib, warm.app_mib)
        worker = max(cold.worker_mib, warm.worker_mib)
        note = cold.failed or warm.failed
        print(
            f"| {page} | {cold.wall:.2f} | {cold.cpu:.2f} | {warm.wall:.2f} | {warm.cpu:.2f} | {app:.0f} | {worker:.0f} | {note} |"
        )
    return max(warm.wall for _, warm in results.values())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=100_000, help="size of the large graph (default: %(default)s)")
    parser.add_argument("--repeat", type=int, default=3, help="warm renders per page; the median is shown")
    parser.add_argument("--home", type=Path, help="measure this built home instead of the seed and its copy")
    args = parser.parse_args()
    if args.home:
        os.environ["GOVGRAPH_HOME"] = str(args.home.resolve())  # before govgraph reads its paths
    import logging

    logging.getLogger("streamlit").setLevel(logging.ERROR)
    from govgraph import paths

    render("overview")  # import every library once, so that "cold" measures caches, not imports
    worst = 0.0
    print(f"Page render time (AppTest; warm = median of {args.repeat}; target: warm < {TARGET:g} s); load {os.getloadavg()}")
    if args.home:
        from govgraph.source import open_store

        with open_store(location=paths.STORE_DIR) as store:
            triples = store.triple_count()
        worst = table(str(args.home), triples, measure(paths.STORE_DIR, args.repeat))
    else:
        with tempfile.TemporaryDirectory(prefix="govgraph-bench-") as tmp:
            stores = make_stores(Path(tmp), args.triples)
            for name, (path, triples) in stores.items():
                worst = max(worst, table(name, triples, measure(path, args.repeat)))
    ended = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"\nlargest child process that ended (validation, a stopped worker): {ended:.0f} MiB peak")
    print(f"slowest warm page: {worst:.3f} s — {'meets' if worst < TARGET else 'MISSES'} the {TARGET:g} s target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
