"""`govgraph stats`: how many triples, statements, commitments, forums… the graph holds."""

import argparse
import json
from pathlib import Path

from .. import loading, paths
from ..stats import count_summary, format_counts


def run(args: argparse.Namespace) -> int:
    source = Path(args.store)
    counts = count_summary(source if source.exists() else loading.load_store())
    print(json.dumps(counts, indent=2) if args.format == "json" else format_counts(counts))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "stats",
        help="count triples, statements, commitments, forums…",
        description="Count what the graph holds: the built store when there is one, else ontology + data/ read afresh.",
    )
    parser.add_argument("--store", default=str(paths.STORE_DIR), help="built store or N-Quads file (default: %(default)s)")
    parser.add_argument("--format", choices=["text", "json"], default="text")
    parser.set_defaults(func=run)
