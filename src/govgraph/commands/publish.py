"""`govgraph publish`: put the built graph on a SPARQL server, one named graph per source document."""

import argparse

from ..publish import publish
from .options import add_source_options, source_from_args


def run(args: argparse.Namespace) -> int:
    with source_from_args(args).store() as store:
        outcome = publish(store, prune=args.prune)
    for graph, count in outcome.graphs.items():
        print(f"  {count:>8}  {graph}")
    print(
        f"published {sum(outcome.graphs.values())} triples in {len(outcome.graphs)} graphs to {store.where}"
        f" (from {outcome.source}); checked: the default graph answers, so every reader sees the data"
    )
    for graph in outcome.dropped:
        print(f"  dropped  {graph}")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "publish",
        help="put the graph on a SPARQL server (Graph Store Protocol)",
        description="Replace each named graph of the build (build/govgraph.nq, or ontology + data/ when there is no "
        "build) on a SPARQL server with Graph Store Protocol PUT. Publishing twice leaves the same triples.",
    )
    add_source_options(parser, default="endpoint", endpoint=True)
    parser.add_argument(
        "--prune",
        action="store_true",
        help="also drop the server's govgraph graphs (under …/graph/) that the build no longer has",
    )
    parser.set_defaults(func=run)
