"""The `govgraph` command. Each subcommand lives in `govgraph.commands.<name>` and registers itself."""

import argparse
import importlib
import logging
import os
import pkgutil
import sys
import traceback
from collections.abc import Collection, Sequence
from pathlib import Path

from . import __version__, commands
from .errors import GovgraphError

#: Modules of `govgraph.commands` that are not subcommands.
SHARED = {"options"}


def build_parser(only: Collection[str] | None = None) -> argparse.ArgumentParser:
    """The parser with every subcommand found in `govgraph.commands`.

    With `only`, the other subcommands are listed by name and summary (`commands.SUMMARIES`)
    without importing their modules: `main` registers just the command it runs.
    """
    parser = argparse.ArgumentParser(prog="govgraph", description="A knowledge graph of digital-governance commitments.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="on any failure, print the Python traceback and library warnings too"
    )
    parser.add_argument(
        "--home",
        type=Path,
        metavar="DIR",
        help="the folder holding data/ and build/ (default: $GOVGRAPH_HOME, else the checkout, "
        "else the current folder); its own ontology/ or queries/ replace the shipped ones",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in sorted(module.name for module in pkgutil.iter_modules(commands.__path__)):
        if name in SHARED:
            continue
        if only is not None and name not in only and name in commands.SUMMARIES:
            subparsers.add_parser(name, help=commands.SUMMARIES[name])
        else:
            importlib.import_module(f"{commands.__name__}.{name}").register(subparsers)
    return parser


def chosen_command(argv: Sequence[str] | None) -> str | None:
    """The subcommand named on the command line (the first word after the global options), if any."""
    words = list(sys.argv[1:] if argv is None else argv)
    while words:
        word = words.pop(0)
        if word == "--home":
            words = words[1:]
        elif not word.startswith("-"):
            return word
    return None


def one_line(error: BaseException) -> str:
    """An exception's message on one line, its type when it has none."""
    return " ".join(str(error).split()) or type(error).__name__


def use_home(argv: Sequence[str] | None) -> None:
    """Apply `--home DIR` before the commands (and `govgraph.paths`) are imported: it becomes $GOVGRAPH_HOME.

    The environment also carries it to the processes govgraph starts (the store worker, the app).
    Once the paths are read (main() called in a process that imported them) it is left to check_home.
    """
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--home", type=Path)
    home = early.parse_known_args(argv)[0].home
    if home is not None and f"{__package__}.paths" not in sys.modules:
        os.environ["GOVGRAPH_HOME"] = str(home.resolve())  # paths.HOME_ENV


def check_home(home: Path | None) -> None:
    """Refuse a --home that is not a folder, or that came after the paths were read (main() called in-process)."""
    if home is None:
        return
    if not home.is_dir():
        raise GovgraphError(f"--home {home}: no such folder")
    from . import paths

    if paths.PROJECT_ROOT.resolve() != home.resolve():
        raise GovgraphError(f"--home {home} came after govgraph read its paths in this process: set $GOVGRAPH_HOME instead")


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand; every failure becomes one line on stderr and exit status 2.

    Errors meant for people (GovgraphError) are printed as they are; anything else is a bug,
    reported as an internal error with a hint to rerun with --debug for the traceback.
    """
    use_home(argv)
    command = chosen_command(argv)
    args = build_parser(only=[command] if command else []).parse_args(argv)
    # Libraries log through `logging` (rdflib logs a traceback per ill-typed literal): only --debug shows it.
    logging.basicConfig(level=logging.WARNING, handlers=None if args.debug else [logging.NullHandler()])
    try:
        check_home(args.home)
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
        print(
            f"govgraph: internal error: {type(error).__name__}: {one_line(error)}"
            + ("" if args.debug else " (rerun with `govgraph --debug …` for the traceback)"),
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":
    sys.exit(main())
