"""`govgraph network`: centrality, communities and paths on a projection of the graph."""

import argparse
import sys
from pathlib import Path

import networkx as nx

from .. import csv_text, network
from ..atomic import write_bytes
from ..errors import GovgraphError
from ..export.graphs import graphml_of
from ..network.parquet import edge_list
from ..terms import short
from .options import add_source_options, source_from_args


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "network",
        help="graph metrics: degree, betweenness, eigenvector, communities, paths",
        description="Build a networkx projection of the graph and print one metric.",
    )
    parser.add_argument("--metric", "-m", choices=network.METRICS, default="degree")
    parser.add_argument("--projection", "-p", choices=network.PROJECTIONS, default="commitment-entity")
    parser.add_argument(
        "--kind",
        dest="kinds",
        action="append",
        choices=network.ENTITY_KINDS,
        metavar="KIND",
        help=f"keep only these entity kinds (repeatable): {', '.join(network.ENTITY_KINDS)}",
    )
    parser.add_argument(
        "--role",
        dest="roles",
        action="append",
        choices=tuple(network.ROLES),
        metavar="ROLE",
        help=f"mention roles to use (repeatable; default all but madeBy): {', '.join(network.ROLES)}",
    )
    parser.add_argument("--all-statements", action="store_true", help="count every statement, not only commitments")
    parser.add_argument("--from", dest="source", metavar="ENTITY", help="path start: IRI, prefixed name or label")
    parser.add_argument("--to", dest="target", metavar="ENTITY", help="path end: IRI, prefixed name or label")
    parser.add_argument(
        "--format",
        "-f",
        choices=("table", "csv", "graphml", "parquet"),
        default="table",
        help="parquet: the projection's edge list (src, dst, weight…) to --out, no metric",
    )
    parser.add_argument("--exact", action="store_true", help="exact betweenness at any size (default: sampled on large graphs)")
    parser.add_argument("--limit", type=int, default=0, help="print only the first N rows (table and csv)")
    parser.add_argument("--out", "-o", type=Path, help="write to this file instead of standard output")
    add_source_options(parser, default="files", inputs=True, store=True, endpoint=True, caps=True)
    parser.set_defaults(func=run)


def projection(args: argparse.Namespace) -> tuple[network.Facts, nx.Graph]:
    """The facts and the projection the arguments ask for."""
    statements = "all" if args.all_statements else "commitments"
    facts = network.Facts(source_from_args(args), statements)
    roles = args.roles or network.DEFAULT_ROLES
    return facts, network.build_graph(facts, args.projection, kinds=args.kinds, roles=roles)


def compute(args: argparse.Namespace) -> tuple[nx.Graph, list[dict]]:
    """The projection and the metric table the arguments ask for."""
    facts, graph = projection(args)
    if args.metric == "path":
        if not (args.source and args.target):
            raise GovgraphError("--metric path needs --from and --to")
        return graph, network.shortest_path(graph, facts.resolve(args.source), facts.resolve(args.target))
    if args.metric == "betweenness":
        estimate = not args.exact
        if network.sampled(graph, estimate):
            print(
                f"betweenness estimated from {network.SAMPLED} of {len(graph):,} source nodes: each value is within "
                f"{network.betweenness_error(len(graph)):.3f} of the exact one with probability {network.CONFIDENCE}"
                " (--exact for exact values)",
                file=sys.stderr,
            )
        return graph, network.betweenness(graph, estimate=estimate)
    return graph, getattr(network, args.metric)(graph)


def render_table(rows: list[dict]) -> str:
    """Aligned plain-text columns."""
    if not rows:
        return "(no rows)\n"
    columns = list(rows[0])
    # Prefixed names keep the table narrow; CSV and GraphML keep full IRIs.
    cells = [columns] + [[short(row[c]) if c == "id" else str(row[c]) for c in columns] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(columns))]
    return "".join("  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() + "\n" for r in cells)


def render_csv(rows: list[dict]) -> str:
    """Full IRIs and numbers as they are, LF line ends."""
    if not rows:
        return ""
    columns = list(rows[0])
    return csv_text.write([columns] + [["" if row[c] is None else str(row[c]) for c in columns] for row in rows], line_end="\n")


def run(args: argparse.Namespace) -> int:
    if args.format == "parquet":
        if not args.out:
            raise GovgraphError("--format parquet writes a binary file: give --out FILE")
        write_bytes(args.out, edge_list(projection(args)[1]))
        return 0
    graph, rows = compute(args)
    if args.limit:
        rows = rows[: args.limit]
    if args.format == "graphml":
        column = {"path": "step", "communities": "community"}.get(args.metric, args.metric)
        if args.metric == "path":
            graph = graph.subgraph([row["id"] for row in rows]).copy()
        data = graphml_of(network.annotate(graph, rows, column))
    else:
        data = (render_table(rows) if args.format == "table" else render_csv(rows)).encode("utf-8")
    if args.out:
        write_bytes(args.out, data)
    else:
        sys.stdout.buffer.write(data)
    return 0
