"""`govgraph build`: validate ontology + data, then write the combined graph and the embedded store."""

import argparse
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

from .. import paths
from ..building import build
from ..namespaces import DEFAULT_BASE
from ..stats import format_counts


def base_iri(text: str) -> str:
    """An IRI base that other names can be appended to: http(s), ending with / or #."""
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname or not text.endswith(("/", "#")):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an http(s) IRI base that can end with / or #: try {text.rstrip('/#')}/"
        )
    return text


def outputs(args: argparse.Namespace) -> tuple[Path, Path]:
    """Where the build goes: the given paths, else build/ for the default base and build/bases/NAME/ for another.

    Another base never replaces the default store, which every reader opens by default."""
    folder = paths.BUILD_DIR
    if args.base != DEFAULT_BASE:
        folder = paths.BUILD_DIR / "bases" / re.sub(r"[^A-Za-z0-9]+", "-", args.base.split("://", 1)[1]).strip("-")
    out = Path(args.out) if args.out else folder / paths.BUILD_FILE.name
    return out, Path(args.store_out) if args.store_out else folder / paths.STORE_DIR.name


def run(args: argparse.Namespace) -> int:
    out, store_out = outputs(args)
    result = build(out, None if args.no_store else store_out, base=args.base)
    print(f"wrote {result.output} ({result.triples} triples)" + (f" and the store {result.store}" if result.store else ""))
    for graph, count in result.graphs.items():
        print(f"  {count:>8}  {graph}")
    if result.report and result.report.warnings:
        print(f"{len(result.report.warnings)} warning(s): see `govgraph validate`.")
    print(format_counts(result.counts))
    if args.base != DEFAULT_BASE and result.store:
        print(f"read this build with --store {result.store} (the default store keeps {DEFAULT_BASE})")
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
    parser.add_argument("--out", metavar="FILE", help=f"N-Quads output file (default: {paths.BUILD_FILE})")
    parser.add_argument(
        "--store-out",
        metavar="DIR",
        help=f"embedded store directory to write (default: {paths.STORE_DIR})",
    )
    # Before --store-out, `build --store DIR` named the output; elsewhere --store names an input.
    parser.add_argument("--store", dest="store_out", action=DeprecatedAlias, help=argparse.SUPPRESS)
    parser.add_argument("--no-store", action="store_true", help="write only the N-Quads file")
    parser.add_argument(
        "--base",
        default=DEFAULT_BASE,
        type=base_iri,
        help="IRI base for the build, ending with / or # (default: %(default)s); another base builds into "
        "build/bases/NAME/ unless --out and --store-out say where",
    )
    parser.set_defaults(func=run)
