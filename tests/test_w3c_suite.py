"""The W3C SHACL test suite through `validate(DATA, shapes=[SHAPES])`, with both engines.

The default engine must give every expected report but the few listed, with reasons, in
tests/w3c/known-failures.toml (xfail strict), a list shorter than pySHACL's; a refused
feature is pySHACL's to validate and the report says so. Never a wrong answer in silence.
"""

import pytest

from .w3c_suite import ENTRIES, KNOWN_FAILURES, outcome

#: Entries the compiled engine answers itself, without handing the shapes to pySHACL (a floor).
COMPILED_AT_LEAST = 103


def _cases(engine: str) -> list:
    known = KNOWN_FAILURES[engine]
    return [
        pytest.param(entry, marks=pytest.mark.xfail(strict=True, reason=known[entry.name])) if entry.name in known else entry
        for entry in ENTRIES
    ]


def test_the_suite_is_all_there():
    assert len(ENTRIES) == 120
    assert set(KNOWN_FAILURES["sparql"]) | set(KNOWN_FAILURES["pyshacl"]) <= {e.name for e in ENTRIES}


@pytest.mark.parametrize("entry", _cases("sparql"), ids=lambda e: e.name)
def test_default_engine_gives_the_expected_report(entry):
    result, report = outcome(entry, "sparql")
    assert result == "pass"
    if report is not None and report.engine != "sparql":
        assert report.notes and report.notes[0].startswith("validated with pySHACL"), "a hand-over must say so"


@pytest.mark.parametrize("entry", _cases("pyshacl"), ids=lambda e: e.name)
def test_pyshacl_engine_gives_the_expected_report(entry):
    assert outcome(entry, "pyshacl")[0] == "pass"


def test_known_failures_are_fewer_than_pyshacls():
    assert len(KNOWN_FAILURES["sparql"]) < len(KNOWN_FAILURES["pyshacl"])


def test_the_compiled_engine_answers_most_of_the_suite_itself():
    compiled = [e.name for e in ENTRIES if not e.failure and (report := outcome(e, "sparql")[1]) and report.engine == "sparql"]
    assert len(compiled) >= COMPILED_AT_LEAST, compiled
