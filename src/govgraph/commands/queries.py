"""`govgraph queries`: list the saved questions (or the data-quality checks) with their titles."""

import argparse

from .. import queries


def run(args: argparse.Namespace) -> int:
    saved = queries.list_checks() if args.checks else queries.list_queries()
    width = max((len(query.name) for query in saved), default=0)
    for query in saved:
        print(f"{query.name:<{width}}  {query.title}")
        if args.details:
            if query.description:
                print(f"{'':<{width}}  {query.description}")
            for param in query.params:
                default = "required" if param.required else f"default {param.default}"
                print(f"{'':<{width}}  --param {param.name}=…  ({param.type}, {default}) {param.help}".rstrip())
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "queries", help="list the saved questions", description="List the saved questions in queries/ with their titles."
    )
    parser.add_argument("--checks", action="store_true", help="list the data-quality checks in queries/checks/ instead")
    parser.add_argument("--details", "-d", action="store_true", help="show descriptions and parameters too")
    parser.set_defaults(func=run)
