"""The README cannot drift from the CLI: every command is documented, and the two commands hold."""

from pathlib import Path

from govgraph.cli import build_parser

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
CI = (Path(__file__).parents[1] / ".ci" / "run").read_text(encoding="utf-8")


def subcommands() -> list[str]:
    parser = build_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    assert action.choices is not None  # the subcommands
    return sorted(action.choices)


def test_every_subcommand_is_in_the_command_reference():
    reference = README.split("## Command-line reference", 1)[1].split("\n## ", 1)[0]
    missing = [name for name in subcommands() if f"`govgraph {name}" not in reference]
    assert missing == []


def test_the_two_commands_are_there_and_ci_runs_the_readme_test_command():
    assert "govgraph build && .venv/bin/govgraph app" in README
    assert "bash .ci/run" in README
    test_command = ".venv/bin/python -m pytest -q"
    assert f"`{test_command}`" in README
    assert CI.rstrip().endswith(test_command)
