"""The endpoint options shared by `govgraph query` and `govgraph publish`, declared once."""

from __future__ import annotations

import argparse

from .. import paths
from ..errors import GovgraphError
from . import DEFAULT_MAX_ANSWER_BYTES, DEFAULT_MAX_MEMORY_BYTES, Store, open_store
from .base import MB


def add_endpoint_options(parser: argparse.ArgumentParser, *, required: bool = False) -> None:
    """Add --endpoint, --update-endpoint, --store-endpoint, --user, --password, --auth (and --store)."""
    group = parser.add_argument_group("where the graph is")
    group.add_argument("--endpoint", metavar="URL", required=required,
                       help="SPARQL query URL of a server (Oxigraph: http://HOST:PORT/query, Virtuoso: http://HOST:PORT/sparql)"
                       + ("" if required else "; default: the embedded store built by `govgraph build`"))
    group.add_argument("--update-endpoint", metavar="URL",
                       help="SPARQL update URL (default: derived from --endpoint, as Oxigraph or Virtuoso lay it out)")
    group.add_argument("--store-endpoint", metavar="URL",
                       help="Graph Store Protocol URL (default: …/store for Oxigraph, …/sparql-graph-crud[-auth] for Virtuoso)")
    group.add_argument("--user", help="user name for HTTP authentication")
    group.add_argument("--password", help="password for HTTP authentication")
    group.add_argument("--auth", choices=["basic", "digest"],
                       help="HTTP authentication scheme (default: digest for Virtuoso, basic otherwise)")
    if not required:
        group.add_argument("--store", metavar="DIR", default=str(paths.STORE_DIR),
                           help="embedded store directory (default: %(default)s)")


def add_cap_options(parser: argparse.ArgumentParser) -> None:
    """Add --max-answer-mb and --max-memory-mb, the caps on what one query may cost."""
    parser.add_argument("--max-answer-mb", type=float, default=DEFAULT_MAX_ANSWER_BYTES / MB, metavar="MB",
                        help="refuse answers larger than this many megabytes (default: %(default)g)")
    parser.add_argument("--max-memory-mb", type=float, default=DEFAULT_MAX_MEMORY_BYTES / MB, metavar="MB",
                        help="stop an embedded query that needs more memory than this (default: %(default)g)")


def store_from_args(args: argparse.Namespace) -> Store:
    """The store the options name, with the caps of `add_cap_options` when the command has them."""
    if min(getattr(args, "max_answer_mb", 1), getattr(args, "max_memory_mb", 1)) <= 0:
        raise GovgraphError("--max-answer-mb and --max-memory-mb must be positive")
    caps = {"max_answer_bytes": int(args.max_answer_mb * MB), "max_memory_bytes": int(args.max_memory_mb * MB)} \
        if hasattr(args, "max_answer_mb") else {}
    return open_store(args.endpoint, update_endpoint=args.update_endpoint, store_endpoint=args.store_endpoint,
                      user=args.user, password=args.password, auth=args.auth,
                      location=getattr(args, "store", None) or paths.STORE_DIR, **caps)
