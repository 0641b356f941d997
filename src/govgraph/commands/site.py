"""`govgraph site`: write the static linked-data site, and optionally preview it on 127.0.0.1."""

import argparse
from pathlib import Path

from ..site import build_site, serve
from .options import add_source_options, source_from_args


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "site",
        help="write a static linked-data site (HTML, Turtle, JSON-LD per resource)",
        description="One HTML page per resource with Turtle and JSON-LD alternates, an index, "
        "and the ontology's documentation. --serve previews it on 127.0.0.1.",
    )
    parser.add_argument("--out", "-o", type=Path, required=True, help="folder to write the site into")
    parser.add_argument("--serve", action="store_true", help="then serve it on 127.0.0.1 with content negotiation")
    parser.add_argument("--port", type=int, default=8000, help="preview port (default 8000; 0 picks a free one)")
    add_source_options(parser, default="files", inputs=True)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    quads = source_from_args(args).quads()
    written = build_site(args.out, quads)
    print(f"wrote {len(written)} files under {args.out}", flush=True)
    if args.serve:
        try:
            serve(args.out, args.port)
        except KeyboardInterrupt:
            pass
    return 0
