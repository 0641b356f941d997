"""How long each explorer page takes to render, cold and warm, on the seed and on a large graph.

Cold: Streamlit's caches emptied (the store is opened and every query runs). Warm: the same page
rendered again in a new session, so the cached store and answers are reused — what an analyst
gets on every click after the first. Pages run in Streamlit's AppTest, in this process, on real
embedded stores. The large graph replicates the seed's statements (with their document and
paragraphs) under new IRIs, keeping the links to the shared reference entities, until it holds
at least --triples triples. Target: every warm page under 1 s.

Usage: PYTHONPATH=src python benchmarks/app_render.py [--triples 100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from govgraph import loading  # noqa: E402
from govgraph.building import write_store  # noqa: E402
from govgraph.explore.launch import APP_FILE  # noqa: E402
from govgraph.namespaces import DOC, STMT  # noqa: E402
from govgraph.source import STORE_ENV  # noqa: E402

SEED_GRAPH = "https://w3id.org/govgraph/graph/document/g7-2023-digital-annex4"
IGF = "https://w3id.org/govgraph/id/forum/igf"
PAGES = {
    "overview": {},
    "commitments": {},
    "entity": {"iri": IGF},
    "workbench": {"question": "commitments-by-forum"},
    "network": {},
    "validation": {},
}
TARGET = 1.0


def replicate(quads: list[ox.Quad], copies: int) -> list[ox.Quad]:
    """`copies` copies of the seed document's graph, with new IRIs for its document, paragraphs and statements."""
    seed = [q for q in quads if getattr(q.graph_name, "value", "") == SEED_GRAPH]
    own = {
        q.subject.value for q in seed if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith((str(STMT), str(DOC)))
    }
    out: list[ox.Quad] = []
    for k in range(1, copies + 1):

        def move(term, k=k):
            return ox.NamedNode(f"{term.value}-copy{k}") if isinstance(term, ox.NamedNode) and term.value in own else term

        graph = ox.NamedNode(f"{SEED_GRAPH}-copy{k}")
        out += [ox.Quad(move(q.subject), q.predicate, move(q.object), graph) for q in seed]
    return out


def make_stores(folder: Path, triples: int) -> dict[str, tuple[Path, int]]:
    """The seed store and a large store of at least `triples` triples."""
    quads = list(loading.load_store().quads_for_pattern(None, None, None))
    per_copy = sum(1 for q in quads if getattr(q.graph_name, "value", "") == SEED_GRAPH)
    copies = max(1, -(-(triples - len(quads)) // per_copy))
    large = quads + replicate(quads, copies)
    write_store(quads, folder / "seed")
    write_store(large, folder / "large")
    return {"seed": (folder / "seed", len(quads)), "large": (folder / "large", len(large))}


def render(page: str) -> float:
    """Seconds to run one page in a fresh AppTest session; fails loudly if the page raises."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP_FILE), default_timeout=600)
    if page != "overview":
        at.switch_page(f"app_pages/{page}.py")
    for key, value in PAGES[page].items():
        at.query_params[key] = value
    started = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - started
    if at.exception:
        raise SystemExit(f"{page} raised: {at.exception[0].value}")
    return elapsed


def measure(store: Path, repeat: int) -> dict[str, tuple[float, float]]:
    """(cold, warm median) seconds per page on one store."""
    import streamlit as st

    os.environ[STORE_ENV] = str(store)
    figures = {}
    for page in PAGES:
        st.cache_data.clear()
        st.cache_resource.clear()
        cold = render(page)
        warm = statistics.median(render(page) for _ in range(repeat))
        figures[page] = (cold, warm)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=100_000, help="size of the large graph (default: %(default)s)")
    parser.add_argument("--repeat", type=int, default=3, help="warm renders per page; the median is shown")
    args = parser.parse_args()
    import logging

    logging.getLogger("streamlit").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory(prefix="govgraph-bench-") as tmp:
        stores = make_stores(Path(tmp), args.triples)
        render("overview")  # import every library once, so that "cold" measures caches, not imports
        results = {name: measure(path, args.repeat) for name, (path, _) in stores.items()}
    seed_n, large_n = stores["seed"][1], stores["large"][1]
    print(f"Page render time in seconds (AppTest; warm = median of {args.repeat}; target: warm < {TARGET:g} s)")
    print(f"{'page':<13}{'seed cold':>11}{'seed warm':>11}{'large cold':>12}{'large warm':>12}")
    print(f"{'':<13}{f'{seed_n:,} tr.':>22}{f'{large_n:,} triples':>24}")
    worst = 0.0
    for page in PAGES:
        (sc, sw), (lc, lw) = results["seed"][page], results["large"][page]
        worst = max(worst, sw, lw)
        print(f"{page:<13}{sc:>11.3f}{sw:>11.3f}{lc:>12.3f}{lw:>12.3f}")
    print(f"slowest warm page: {worst:.3f} s — {'meets' if worst < TARGET else 'MISSES'} the {TARGET:g} s target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
