"""`govgraph build`: validate ontology + data, then write the combined graph and the embedded store."""

import argparse
import sys
from pathlib import Path

from .. import paths
from ..building import build
from ..namespaces import DEFAULT_BASE
from ..stats import format_counts


def run(args: argparse.Namespace) -> int:
    result = build(Path(args.out), None if args.no_store else Path(args.store_out), base=args.base)
    print(f"wrote {result.output} ({result.triples} triples)" + (f" and the store {result.store}" if result.store else ""))
    for graph, count in result.graphs.items():
        print(f"  {count:>8}  {graph}")
    if result.report and result.report.warnings:
        print(f"{len(result.report.warnings)} warning(s): see `govgraph validate`.")
    print(format_counts(result.counts))
    return 0


class DeprecatedAlias(argparse.Action):
    """An old spelling of an option: still works, with a note on stderr."""

    def __call__(
        self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: object, option_string: str | None = None
    ) -> None:
        print(f"govgraph: note: `build {option_string}` is deprecated; use --store-out", file=sys.stderr)
        setattr(namespace, self.dest, values)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "build",
        help="validate and write the combined graph and the embedded store",
        description="Parse the ontology and every curated file under data/, validate them, and only then write "
        "the combined graph (N-Quads, one named graph per source document) and the embedded pyoxigraph store, atomically.",
    )
    parser.add_argument("--out", default=str(paths.BUILD_FILE), metavar="FILE", help="N-Quads output file (default: %(default)s)")
    parser.add_argument(
        "--store-out",
        default=str(paths.STORE_DIR),
        metavar="DIR",
        help="embedded store directory to write (default: %(default)s)",
    )
    # Before --store-out, `build --store DIR` named the output; elsewhere --store names an input.
    parser.add_argument("--store", dest="store_out", action=DeprecatedAlias, help=argparse.SUPPRESS)
    parser.add_argument("--no-store", action="store_true", help="write only the N-Quads file")
    parser.add_argument("--base", default=DEFAULT_BASE, help="IRI base for the build (default: %(default)s)")
    parser.set_defaults(func=run)
