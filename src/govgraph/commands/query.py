"""`govgraph query`: run one saved question (or an .rq file) on the embedded store or a SPARQL server."""

import argparse
import sys

from rdflib import Graph

from .. import queries
from ..errors import GovgraphError
from ..store import DEFAULT_LIMIT, DEFAULT_TIMEOUT, FORMATS, ResultTable, ask_json
from .options import add_source_options, source_from_args

GRAPH_FORMATS = {"nt": "nt", "ttl": "turtle"}


def parse_params(pairs: list[str]) -> dict[str, str]:
    """``key=value`` strings as a mapping; the value may itself contain '='."""
    values = {}
    for pair in pairs:
        key, equals, value = pair.partition("=")
        if not equals or not key:
            raise GovgraphError(f"--param needs key=value, got {pair!r}")
        values[key.strip()] = value
    return values


def render(result: object, fmt: str) -> str:
    """A query result as text in the format asked for."""
    if isinstance(result, ResultTable):
        if fmt in GRAPH_FORMATS:
            raise GovgraphError(f"--format {fmt} is for CONSTRUCT/DESCRIBE results; use one of {', '.join(FORMATS)}")
        return result.write(fmt)
    if isinstance(result, bool):
        return ask_json(result) if fmt == "json" else ("true\n" if result else "false\n")
    assert isinstance(result, Graph)
    return result.serialize(format=GRAPH_FORMATS.get(fmt, "turtle"))


def run(args: argparse.Namespace) -> int:
    saved = queries.find_query(args.query)
    values = parse_params(args.param)
    with source_from_args(args).store() as store:
        result = saved.run(store, values, timeout=args.timeout, limit=args.limit, offset=args.offset)
    sys.stdout.write(render(result, args.format))
    if getattr(result, "truncated", False) and args.offset is not None:
        print(f"govgraph: note: more rows follow: --offset {args.offset + args.limit} for the next page", file=sys.stderr)
    elif getattr(result, "truncated", False):
        print(f"govgraph: note: stopped at {args.limit} rows (--limit); the query has more", file=sys.stderr)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "query",
        help="run a saved question or an .rq file",
        description="Run one saved question (see `govgraph queries`) or a SPARQL query file. Updates, SERVICE and "
        "FROM are refused; parameters are bound as RDF terms.",
    )
    parser.add_argument("query", metavar="NAME|FILE.rq", help="saved question name, or path to an .rq file")
    parser.add_argument(
        "--param",
        "-p",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="parameter value (repeatable); IRIs may use govgraph prefixes, e.g. forum=forum:igf",
    )
    parser.add_argument(
        "--format",
        "-f",
        default="table",
        choices=[*FORMATS, *GRAPH_FORMATS],
        help="table, md, or the SPARQL 1.1 csv/tsv/json results formats; ttl/nt for CONSTRUCT (default: %(default)s)",
    )
    parser.add_argument(
        "--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="S", help="wall-clock limit in seconds (default: %(default)g)"
    )
    parser.add_argument(
        "--limit", type=int, default=DEFAULT_LIMIT, metavar="N", help="most rows to return (default: %(default)d)"
    )
    parser.add_argument(
        "--offset",
        type=int,
        metavar="N",
        help="one page of a SELECT: the --limit rows after the first N, in the query's order (a note names the next offset)",
    )
    add_source_options(parser, default="store", store=True, endpoint=True, caps=True)
    parser.set_defaults(func=run)
