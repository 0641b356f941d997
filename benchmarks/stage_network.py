"""The network stage of the benchmark: govgraph's metrics (igraph) beside networkx's, in the same run.

Two child processes read the built store of one size and build the commitment–entity projection:
one computes each metric as govgraph does on a large graph (igraph), the other with networkx
(each metric stopped after `--limit` CPU s). Both write their values, and the
table says whether they agree (within 1e-6): the sampled betweenness from the same sources, the
exact betweenness and eigenvector centrality. Communities come from different algorithms (Leiden
and greedy modularity), so the row gives each one's modularity instead.

run.py calls `rows(home, work, timeout)` after its build; alone:
python benchmarks/stage_network.py --home HOME --work WORK (WORK/build holds the built store).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from scale import Clock, measure  # noqa: E402 (benchmarks/ is not a package on the path)

PROJECTION = "commitment-entity"
#: CPU seconds each metric may take before it is stopped and shown as "> limit" (exact betweenness is O(nodes × links)).
LIMIT = 60.0
#: Largest difference between the two engines' values that still counts as the same answer.
AGREE = 1e-6


def _emit(**values: object) -> None:
    print(json.dumps(values), flush=True)


def _graph(work: Path) -> nx.Graph:
    """The facts and the projection, read from the built store, timed.

    The store is opened in this process (as the library's own queries do over data in memory), so
    the CPU time counts the query engine too, not only this side of the embedded store's worker.
    """
    import pyoxigraph as ox

    from govgraph import network
    from govgraph.store import MemoryStore

    store = MemoryStore(ox.Store.read_only(str((work / "build" / "store").resolve())))
    clock = Clock()
    facts = network.Facts(store)
    _emit(phase="facts", links=len(facts.links), **clock.lap())
    clock = Clock()
    graph = network.build_graph(facts, PROJECTION)
    _emit(phase="graph", nodes=graph.number_of_nodes(), edges=graph.number_of_edges(), **clock.lap())
    store.close()
    return graph


def _modularity(graph: nx.Graph, rows: list[dict]) -> float:
    import networkx as nx

    groups: dict[int, set[str]] = {}
    for row in rows:
        groups.setdefault(row["community"], set()).add(row["id"])
    score: float = nx.community.modularity(graph, groups.values(), weight="weight")
    return score


def step(engine: str, work: Path, limit: float) -> None:
    """Every metric on one engine; the values go to WORK/network-ENGINE.json."""
    from govgraph import network

    graph = _graph(work)
    import igraph  # noqa: F401 (imported before the clocks start: they time the work, not the imports)
    import pyarrow.parquet  # noqa: F401

    def stop(*_: object) -> None:
        raise TimeoutError

    signal.signal(signal.SIGPROF, stop)
    metrics = {
        "betweenness-sampled": lambda: network.betweenness(graph, engine=engine),
        "betweenness-exact": lambda: network.betweenness(graph, estimate=False, engine=engine),
        "eigenvector": lambda: network.eigenvector(graph, engine=engine),
        "communities": lambda: network.communities(graph, engine=engine),
    }
    values: dict[str, dict[str, float]] = {}
    for name, metric in metrics.items():
        clock = Clock()
        signal.setitimer(signal.ITIMER_PROF, limit)  # CPU seconds, not wall
        try:
            rows = metric()
        except TimeoutError:
            _emit(phase=name, timed_out=limit, **clock.lap())
            continue
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
        lap = clock.lap()
        column = "community" if name == "communities" else "betweenness" if name.startswith("betweenness") else name
        values[name] = {row["id"]: row[column] for row in rows}
        extra = {"modularity": round(_modularity(graph, rows), 4)} if name == "communities" else {}
        _emit(phase=name, **extra, **lap)
    if engine == "igraph":
        from govgraph.network.parquet import edge_list

        clock = Clock()
        data = edge_list(graph)
        _emit(phase="parquet", bytes=len(data), **clock.lap())
    (work / f"network-{engine}.json").write_text(json.dumps(values), encoding="utf-8")


def _child(engine: str, home: Path, work: Path, timeout: float, limit: float) -> dict:
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join([str(HERE.parent / "src"), str(HERE)]),
        GOVGRAPH_HOME=str(home),
        GOVGRAPH_BUILD=str(work / "build"),
    )
    run = measure(
        [sys.executable, __file__, "--step", engine, "--home", str(home), "--work", str(work), "--limit", str(limit)],
        timeout,
        env,
    )
    if run["timed_out"]:
        raise SystemExit(f"network step {engine} passed the {timeout:.0f} s safety timeout")
    return {line["phase"]: line for line in run["lines"]}


def rows(home: Path, work: Path, timeout: float, limit: float = LIMIT) -> list[dict]:
    """The stage's rows for run.py's table: {stage, ours, reference, unit, same?, note?}."""
    from govgraph import network

    ours = _child("igraph", home, work, timeout, limit)
    theirs = _child("networkx", home, work, timeout + 4 * limit, limit)
    ours_values = json.loads((work / "network-igraph.json").read_text(encoding="utf-8"))
    their_values = json.loads((work / "network-networkx.json").read_text(encoding="utf-8"))
    nodes, edges = ours["graph"]["nodes"], ours["graph"]["edges"]
    found = [
        {
            "stage": f"network: read the facts ({ours['facts']['links']:,} links)",
            "ours": ours["facts"]["cpu"],
            "reference": None,
            "unit": "s",
        },
        {
            "stage": f"network: {PROJECTION} graph ({nodes:,} nodes, {edges:,} edges)",
            "ours": ours["graph"]["cpu"],
            "reference": None,
            "unit": "s",
        },
    ]
    sampled = network.SAMPLED if nodes > network.EXACT_UP_TO else nodes
    titles = {
        "betweenness-sampled": f"network betweenness, {sampled:,} of {nodes:,} sources (± {network.betweenness_error(nodes, sampled):.3f})"
        if sampled < nodes
        else "network betweenness (exact below the sampling size)",
        "betweenness-exact": "network betweenness, exact",
        "eigenvector": "network eigenvector",
        "communities": "network communities: Leiden vs greedy modularity",
    }
    for name, title in titles.items():
        mine, other = ours[name], theirs[name]
        row: dict = {
            "stage": f"{title} vs networkx",
            "ours": None if "timed_out" in mine else mine["cpu"],
            "reference": other.get("timed_out", other["cpu"]),
            "reference_timed_out": "timed_out" in other,
            "unit": "s",
        }
        if "timed_out" in mine:
            row["note"] = f"govgraph stopped after {limit:.0f} CPU s"
        elif name == "communities":
            row["note"] = f"modularity {mine['modularity']} vs {other.get('modularity', '–')}"
        elif name in their_values and name in ours_values:
            a, b = ours_values[name], their_values[name]
            row["same"] = a.keys() == b.keys() and all(abs(a[n] - b[n]) <= AGREE for n in a)
        found.append(row)
    found.append(
        {
            "stage": f"network: Parquet edge list ({ours['parquet']['bytes']:,} bytes)",
            "ours": ours["parquet"]["cpu"],
            "reference": None,
            "unit": "s",
        }
    )
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--home", type=Path, required=True)
    parser.add_argument("--work", type=Path, required=True, help="holds build/ (the built store) and the values written")
    parser.add_argument("--limit", type=float, default=LIMIT, help="CPU s per metric and engine")
    parser.add_argument("--timeout", type=float, default=900, help="safety limit in CPU seconds per child")
    parser.add_argument("--step", choices=("igraph", "networkx"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.step:
        step(args.step, args.work, args.limit)
        return 0
    print(json.dumps(rows(args.home, args.work, args.timeout, args.limit), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
