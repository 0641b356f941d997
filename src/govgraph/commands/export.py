"""`govgraph export`: write the graph in one or more formats, with its DCAT/VoID description."""

import argparse
from pathlib import Path

from ..export import FORMATS, export
from ..export.describe import DEFAULT_DOWNLOAD_BASE
from ..progress import Delayed
from .options import add_source_options, source_from_args


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help="write the graph as RDF, JSON-LD, CSV, GraphML or GEXF, with a DCAT description",
        description="Write the graph in each format asked for, deterministically and atomically, "
        "then description.ttl and description.jsonld (DCAT 3 + VoID) describing the files.",
    )
    parser.add_argument(
        "--format",
        "-f",
        action="extend",
        nargs="+",
        required=True,
        metavar="FORMAT",
        help=f"one of {', '.join(FORMATS)}, or all; repeat or separate with commas",
    )
    parser.add_argument("--out", "-o", type=Path, required=True, help="folder to write into (created if missing)")
    parser.add_argument("--sparql-endpoint", metavar="URL", help="a SPARQL endpoint serving this data, named in the description")
    parser.add_argument(
        "--download-base",
        metavar="URL",
        default=DEFAULT_DOWNLOAD_BASE,
        help=f"URL the files will be published under (default {DEFAULT_DOWNLOAD_BASE})",
    )
    add_source_options(parser, default="files", inputs=True)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with Delayed() as progress:  # steps on stderr once the run has taken two seconds
        progress("reading the graph…")
        quads = source_from_args(args).quads()
        written = export(args.format, args.out, quads, args.sparql_endpoint, args.download_base, progress=progress)
    for path in written:
        print(f"{path}\t{path.stat().st_size} bytes")
    return 0
