"""The options that say where the graph is, declared once for every command that reads it.

`add_source_options` adds the ones a command accepts, in one help group; `source_from_args`
turns what was given into a `GraphSource`. At most one of --input, --store and --endpoint may
be given. Each option's default is its GOVGRAPH_* environment variable (--store: GOVGRAPH_STORE,
--endpoint: GOVGRAPH_ENDPOINT, --password: GOVGRAPH_PASSWORD…), then the command's own default.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from ..errors import GovgraphError
from ..source import STORE_ENV, GraphSource
from ..store import DEFAULT_MAX_ANSWER_BYTES, DEFAULT_MAX_MEMORY_BYTES
from ..store.base import MB

#: Option destination → the environment variable that gives its default.
ENVIRONMENT = {
    "store": STORE_ENV,
    "endpoint": "GOVGRAPH_ENDPOINT",
    "update_endpoint": "GOVGRAPH_UPDATE_ENDPOINT",
    "store_endpoint": "GOVGRAPH_STORE_ENDPOINT",
    "user": "GOVGRAPH_USER",
    "password": "GOVGRAPH_PASSWORD",
    "auth": "GOVGRAPH_AUTH",
    "max_answer_mb": "GOVGRAPH_MAX_ANSWER_MB",
    "max_memory_mb": "GOVGRAPH_MAX_MEMORY_MB",
}
#: What a command reads when no source is given: its default.
DEFAULTS = {
    "store": "the embedded store built by `govgraph build` (build/store)",
    "files": "the ontology and data/, read directly without a build",
    "store-or-files": "the embedded store built by `govgraph build`, else the ontology and data/ read afresh",
    "endpoint": "none: --endpoint is required",
}


def _env(dest: str) -> str | None:
    return os.environ.get(ENVIRONMENT[dest]) or None


def add_source_options(
    parser: argparse.ArgumentParser,
    *,
    default: str,
    inputs: bool = False,
    store: bool = False,
    endpoint: bool = False,
    caps: bool = False,
) -> None:
    """Add the source options the command accepts; `default` (a key of DEFAULTS) is what it reads without them."""
    group = parser.add_argument_group("where the graph is", f"Default: {DEFAULTS[default]}.")
    one_of = group.add_mutually_exclusive_group()
    if inputs:
        one_of.add_argument(
            "--input",
            "-i",
            dest="inputs",
            action="append",
            type=Path,
            metavar="PATH",
            help="a Turtle file or folder to read, with the ontology, instead of data/ (repeatable)",
        )
    if store:
        one_of.add_argument(
            "--store", metavar="DIR", help=f"an embedded store folder written by `govgraph build` (default: ${STORE_ENV})"
        )
    if endpoint:
        one_of.add_argument(
            "--endpoint",
            metavar="URL",
            help="SPARQL query URL of a server (Oxigraph: http://HOST:PORT/query, Virtuoso: "
            f"http://HOST:PORT/sparql; default: ${ENVIRONMENT['endpoint']})",
        )
        _add_endpoint_details(group)
    if caps:
        _add_caps(group, store)
    parser.set_defaults(source_default=default)


def _add_endpoint_details(group: argparse._ArgumentGroup) -> None:
    """The URLs and credentials that go with --endpoint."""
    group.add_argument(
        "--update-endpoint",
        metavar="URL",
        default=_env("update_endpoint"),
        help="SPARQL update URL (default: derived from --endpoint, as Oxigraph or Virtuoso lay it out)",
    )
    group.add_argument(
        "--store-endpoint",
        metavar="URL",
        default=_env("store_endpoint"),
        help="Graph Store Protocol URL (default: …/store for Oxigraph, …/sparql-graph-crud[-auth] for Virtuoso)",
    )
    group.add_argument(
        "--user", default=_env("user"), help=f"user name for HTTP authentication (default: ${ENVIRONMENT['user']})"
    )
    group.add_argument(
        "--password", default=_env("password"), help=f"password for HTTP authentication (default: ${ENVIRONMENT['password']})"
    )
    group.add_argument(
        "--auth",
        choices=["basic", "digest"],
        default=_env("auth"),
        help="HTTP authentication scheme (default: digest for Virtuoso, basic otherwise)",
    )


def _add_caps(group: argparse._ArgumentGroup, embedded: bool) -> None:
    """The caps on what one query may cost."""
    group.add_argument(
        "--max-answer-mb",
        type=float,
        metavar="MB",
        default=float(_env("max_answer_mb") or DEFAULT_MAX_ANSWER_BYTES / MB),
        help="refuse answers larger than this many megabytes (default: %(default)g)",
    )
    if embedded:
        group.add_argument(
            "--max-memory-mb",
            type=float,
            metavar="MB",
            default=float(_env("max_memory_mb") or DEFAULT_MAX_MEMORY_BYTES / MB),
            help="stop an embedded query that needs more memory than this (default: %(default)g)",
        )


def source_from_args(args: argparse.Namespace) -> GraphSource:
    """The GraphSource the options name: the one given, else its environment variable, else the command's default."""
    caps = _caps(args)
    if getattr(args, "inputs", None):
        return GraphSource.from_files(args.inputs)
    endpoint, store = getattr(args, "endpoint", None), getattr(args, "store", None)
    if not (endpoint or store):  # nothing on the command line: the environment, for the options this command has
        endpoint = _env("endpoint") if hasattr(args, "endpoint") else None
        store = _env("store") if hasattr(args, "store") and not endpoint else None
    if endpoint:
        return GraphSource.from_endpoint(
            endpoint,
            update=args.update_endpoint,
            store=args.store_endpoint,
            user=args.user,
            password=args.password,
            auth=args.auth,
            max_answer_bytes=caps.get("max_answer_bytes", DEFAULT_MAX_ANSWER_BYTES),
        )
    if store:
        return GraphSource.from_build(store) if Path(store).is_file() else GraphSource.from_store(store, **caps)
    default = args.source_default
    if default == "endpoint":
        raise GovgraphError(f"give --endpoint URL (or set {ENVIRONMENT['endpoint']})")
    if default == "files":
        return GraphSource.from_files()
    chosen = GraphSource.from_store(None, **caps)
    return chosen.or_fresh() if default == "store-or-files" else chosen


def _caps(args: argparse.Namespace) -> dict[str, int]:
    """The caps given, in bytes; none when the command has no cap options."""
    given = {name: getattr(args, f"{name}_mb") for name in ("max_answer", "max_memory") if hasattr(args, f"{name}_mb")}
    if any(value <= 0 for value in given.values()):
        raise GovgraphError("--max-answer-mb and --max-memory-mb must be positive")
    return {f"{name}_bytes": int(value * MB) for name, value in given.items()}
