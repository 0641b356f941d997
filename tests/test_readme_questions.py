"""The README lists every saved question and every check, with the one command that answers it.

The two tables in docs/queries.md (the README points there for the saved questions) are generated from the query headers by
this module (run it to print them: ``PYTHONPATH=src python -m tests.test_readme_questions``); the
tests fail when a query is added, renamed or re-described without the README following.
"""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Iterator

import pytest

from govgraph import loading, paths, queries
from govgraph.cli import main
from govgraph.store import EmbeddedStore, temporary_store
from govgraph.store.results import from_json_binding
from tests.query_rows import short
from tests.saved_question_answers import ASK_CASES, CASES

README = paths.PROJECT_ROOT / "docs" / "queries.md"  # where the README points for the saved questions


def command(saved: queries.SavedQuery) -> str:
    """The one command that answers a question, every parameter shown with its default."""
    params = "".join(f" --param {p.name}={p.default}" for p in saved.params)
    return f"govgraph query {saved.name}{params}"


def questions_table() -> str:
    lines = ["| question | what it returns | command |", "|---|---|---|"]
    for saved in queries.list_queries():
        lines.append(f"| `{saved.name}` | {saved.title} | `{command(saved)}` |")
    return "\n".join(lines) + "\n"


def checks_table() -> str:
    lines = ["| check | each row is |", "|---|---|"]
    for check in queries.list_checks():
        lines.append(f"| `{check.name}` | {check.title} |")
    return "\n".join(lines) + "\n"


def test_readme_lists_every_question_with_its_command() -> None:
    assert questions_table() in README.read_text(encoding="utf-8")


def test_readme_lists_every_check() -> None:
    assert checks_table() in README.read_text(encoding="utf-8")


def test_every_listed_command_names_an_existing_question() -> None:
    text = README.read_text(encoding="utf-8")
    # rows of the questions table: | `name` | title | `govgraph query name …` |
    rows = [line for line in text.splitlines() if re.match(r"\| `[a-z0-9-]+` \| .* \| `govgraph query ", line)]
    listed = {line.split("`govgraph query ", 1)[1].split()[0].rstrip("`") for line in rows}
    assert listed == {saved.name for saved in queries.list_queries()}
    assert all((paths.QUERIES_DIR / f"{name}.rq").is_file() for name in listed)


@pytest.fixture(scope="module")
def seed_store() -> Iterator[EmbeddedStore]:
    store = temporary_store(list(loading.load_store().quads_for_pattern(None, None, None)))
    yield store
    store.close()


@pytest.mark.parametrize("name", [saved.name for saved in queries.list_queries()])
def test_the_documented_command_gives_the_expected_answer(
    name: str, seed_store: EmbeddedStore, capsys: pytest.CaptureFixture
) -> None:
    """Run the README's command line as a user would (JSON output) and compare with the hand-worked rows."""
    argv = shlex.split(command(queries.find_query(name)))[1:] + ["--store", str(seed_store.location), "--format", "json"]
    assert main(argv) == 0
    answer = json.loads(capsys.readouterr().out)
    if "boolean" in answer:
        assert answer["boolean"] is next(expected for n, params, expected in ASK_CASES if n == name and not params)
        return
    got = [
        tuple(short(from_json_binding(b[v])) if v in b else None for v in answer["head"]["vars"])
        for b in answer["results"]["bindings"]
    ]
    assert got == next(expected for n, params, expected in CASES if n == name and not params)


if __name__ == "__main__":
    print(questions_table())
    print(checks_table())
