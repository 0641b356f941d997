"""`govgraph` imports only the command it runs: `--help` and a saved question start without the heavy libraries.

Speed itself is measured by `benchmarks/run.py` (whole processes, CPU seconds); these tests check
the cause: which libraries a real process imported, and that the help it prints is unchanged.
"""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import pytest

from govgraph import commands
from govgraph.cli import SHARED, build_parser
from tests.conftest import cli_environment

HEAVY = {"rdflib", "pyoxigraph", "pyshacl", "networkx", "streamlit", "pysbd", "altair", "pandas"}


def _imported_by(*args: str) -> set[str]:
    """The heavy top-level packages a real `govgraph ARGS` process had imported when it finished."""
    script = (
        "import json, sys\n"
        "from govgraph.cli import main\n"
        "try:\n"
        f"    main({list(args)!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print(json.dumps(sorted({{name.split('.')[0] for name in sys.modules}} & set({sorted(HEAVY)!r}))))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=cli_environment(), check=True)
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_help_imports_no_heavy_library() -> None:
    assert _imported_by("--help") == set()


def test_a_saved_question_imports_neither_validation_nor_network_nor_app_libraries() -> None:
    assert _imported_by("query", "commitments-by-forum") & {"pyshacl", "networkx", "streamlit", "pysbd", "altair"} == set()


def test_the_summaries_are_the_help_each_command_registers() -> None:
    registered = {}
    parser = build_parser()
    subparsers = next(action for action in parser._actions if action.dest == "command")
    for action in subparsers._choices_actions:
        registered[action.dest] = action.help
    modules = {module.name for module in pkgutil.iter_modules(commands.__path__)} - SHARED
    assert set(registered) == modules
    assert registered == commands.SUMMARIES


@pytest.mark.parametrize("command", [None, "query", "build"])
def test_the_lazy_parser_prints_the_same_help(command: str | None) -> None:
    full, lazy = build_parser(), build_parser(only=[command] if command else [])
    assert lazy.format_help() == full.format_help()
    if command:
        subparsers = next(action for action in full._actions if action.dest == "command")
        lazy_subparsers = next(action for action in lazy._actions if action.dest == "command")
        assert lazy_subparsers.choices[command].format_help() == subparsers.choices[command].format_help()
