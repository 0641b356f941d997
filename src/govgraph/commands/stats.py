"""`govgraph stats`: how many triples, statements, commitments, forums… the graph holds."""

import argparse
import json

from ..stats import count_summary, format_counts
from .options import add_source_options, source_from_args


def run(args: argparse.Namespace) -> int:
    with source_from_args(args).store() as store:
        counts = count_summary(store)
    print(json.dumps(counts, indent=2) if args.format == "json" else format_counts(counts))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "stats",
        help="count triples, statements, commitments, forums…",
        description="Count what the graph holds: the built store when there is one, else ontology + data/ read afresh.",
    )
    add_source_options(parser, default="store-or-files", inputs=True, store=True, endpoint=True, caps=True)
    parser.add_argument("--format", choices=["text", "json"], default="text")
    parser.set_defaults(func=run)
