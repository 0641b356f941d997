"""The `govgraph` command. Each subcommand lives in `govgraph.commands.<name>` and registers itself."""

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from . import commands
from .errors import GovgraphError


def build_parser() -> argparse.ArgumentParser:
    """The parser with every subcommand found in `govgraph.commands`."""
    parser = argparse.ArgumentParser(prog="govgraph", description="A knowledge graph of digital-governance commitments.")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module_info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        importlib.import_module(f"{commands.__name__}.{module_info.name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand; errors meant for people become one line on stderr and exit status 2."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except GovgraphError as error:
        print(f"govgraph: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("govgraph: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
