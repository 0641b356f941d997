"""`govgraph app`: open the explorer (Streamlit) on this machine."""

import argparse
from pathlib import Path

from ..explore.endpoints import allowed
from ..explore.launch import run_app
from .options import add_source_options, source_from_args


def run(args: argparse.Namespace) -> int:
    return run_app(
        args.port, endpoints=allowed(args.endpoint, args.config), store=source_from_args(args), headless=not args.browser
    )


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "app",
        help="start the explorer web app on 127.0.0.1",
        description="Start the Streamlit explorer on 127.0.0.1 (building the graph first if build/store is "
        "missing). Pages: overview, commitments browser, entity pages, SPARQL workbench, network, validation. "
        "The app reads the embedded store and only the SPARQL endpoints listed here; a link cannot add one.",
    )
    parser.add_argument("--port", type=int, default=8501, help="port to listen on (default: %(default)s)")
    parser.add_argument(
        "--endpoint",
        action="append",
        default=[],
        metavar="URL",
        help="a SPARQL query URL the app may read (repeatable); the first is read by default",
    )
    parser.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help='a TOML file listing the endpoints the app may read: endpoints = ["http://…", …]',
    )
    parser.add_argument("--browser", action="store_true", help="also open a web browser")
    add_source_options(parser, default="store", store=True)
    parser.set_defaults(func=run)
