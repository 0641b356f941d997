"""The `govgraph` command. Each subcommand lives in `govgraph.commands.<name>` and registers itself."""

import argparse
import importlib
import logging
import pkgutil
import sys
import traceback
from collections.abc import Sequence

from . import commands
from .errors import GovgraphError


def build_parser() -> argparse.ArgumentParser:
    """The parser with every subcommand found in `govgraph.commands`."""
    parser = argparse.ArgumentParser(prog="govgraph", description="A knowledge graph of digital-governance commitments.")
    parser.add_argument("--debug", action="store_true",
                        help="on any failure, print the Python traceback and library warnings too")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module_info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{commands.__name__}.{module_info.name}")
        if hasattr(module, "register"):  # commands.options is shared by the commands, not one itself
            module.register(subparsers)
    return parser


def one_line(error: BaseException) -> str:
    """An exception's message on one line, its type when it has none."""
    return " ".join(str(error).split()) or type(error).__name__


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand; every failure becomes one line on stderr and exit status 2.

    Errors meant for people (GovgraphError) are printed as they are; anything else is a bug,
    reported as an internal error with a hint to rerun with --debug for the traceback.
    """
    args = build_parser().parse_args(argv)
    # Libraries log through `logging` (rdflib logs a traceback per ill-typed literal): only --debug shows it.
    logging.basicConfig(level=logging.WARNING, handlers=None if args.debug else [logging.NullHandler()])
    try:
        return int(args.func(args) or 0)
    except GovgraphError as error:
        if args.debug:
            traceback.print_exc()
        print(f"govgraph: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("govgraph: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # noqa: BLE001 - the last line of defence: never a bare traceback
        if args.debug:
            traceback.print_exc()
        print(f"govgraph: internal error: {type(error).__name__}: {one_line(error)}"
              + ("" if args.debug else " (rerun with `govgraph --debug …` for the traceback)"), file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
