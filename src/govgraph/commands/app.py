"""`govgraph app`: open the explorer (Streamlit) on this machine."""

import argparse

from ..explore.launch import run_app


def run(args: argparse.Namespace) -> int:
    return run_app(args.port, endpoint=args.endpoint, headless=not args.browser)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "app",
        help="start the explorer web app on 127.0.0.1",
        description="Start the Streamlit explorer on 127.0.0.1 (building the graph first if build/store is "
        "missing). Pages: overview, commitments browser, entity pages, SPARQL workbench, network, validation.",
    )
    parser.add_argument("--port", type=int, default=8501, help="port to listen on (default: %(default)s)")
    parser.add_argument("--endpoint", help="read this SPARQL query URL instead of the embedded store")
    parser.add_argument("--browser", action="store_true", help="also open a web browser")
    parser.set_defaults(func=run)
