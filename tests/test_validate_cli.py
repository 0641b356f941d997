"""`govgraph validate` with a user's shapes and the three report formats, run as real subprocesses."""

import json

import pytest
from rdflib.namespace import SH

from govgraph.validate import as_written, validate

from .conftest import run_cli
from .w3c_suite import ENTRIES, KNOWN_FAILURES, W3C, graph_differences

#: One entry the compiled engine answers, one it hands to pySHACL, one the spec says to reject.
SAMPLE = ["core/node/class-001", "core/property/property-001", "sparql/pre-binding/unsupported-sparql-001"]


def _validate_ttl(entry) -> tuple[int, str, str]:
    result = run_cli("validate", str(entry.data), "--shapes", str(entry.shapes), "--format", "ttl")
    return result.returncode, result.stdout, result.stderr


def _check(entry, tmp_path) -> None:
    code, out, err = _validate_ttl(entry)
    if entry.failure:
        assert code == 2 and err.count("\n") == 1 and "Traceback" not in err, err
        return
    failing = any(key[4] not in (SH.Warning, SH.Info) for key in entry.results)
    assert code == (1 if failing else 0), err  # warnings and infos never fail, as with govgraph's own shapes
    report = tmp_path / "report.ttl"
    report.write_text(out, encoding="utf-8")
    assert graph_differences(entry, as_written([report])) == []


@pytest.mark.parametrize("name", SAMPLE)
def test_validate_shapes_writes_the_expected_report_graph(name, tmp_path):
    _check(next(e for e in ENTRIES if e.name == name), tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize(
    "entry",
    [e for e in ENTRIES if e.name not in SAMPLE and e.name not in KNOWN_FAILURES["sparql"]],
    ids=lambda e: e.name,
)
def test_every_w3c_entry_through_the_command(entry, tmp_path):
    _check(entry, tmp_path)


INNER = W3C / "core" / "property" / "property-001.ttl"  # sh:property on a property shape: pySHACL validates it
TEST = "http://datashapes.org/sh/tests/core/property/property-001.test#"


def test_json_carries_the_report_graph_fields_and_says_which_engine_answered():
    result = run_cli("validate", str(INNER), "--shapes", str(INNER), "--format", "json")
    report = json.loads(result.stdout)
    assert result.returncode == 1 and report["conforms"] is False and report["engine"] == "pyshacl"
    assert report["notes"][0].startswith("validated with pySHACL: the SPARQL engine cannot compile these shapes")
    assert len(report["findings"]) == 2  # InvalidAddress, once through each person
    for finding in report["findings"]:
        assert finding["focus"] == TEST + "InvalidAddress" and finding["value"] == "<" + TEST + "InvalidCity>"
        assert finding["component"] == str(SH.ClassConstraintComponent) and finding["source"] == TEST + "PersonShape-address-city"
        assert finding["severity"] == "Violation" and finding["message"] and finding["path"] == "<" + TEST + "city>"


def test_text_report_says_when_pyshacl_validated():
    result = run_cli("validate", str(INNER), "--shapes", str(INNER))
    assert result.returncode == 1 and "NOTE validated with pySHACL" in result.stdout


def test_one_curated_file_is_validated_in_the_context_of_the_rest():
    """It was validated alone: 116 false violations for links to the reference data."""
    result = run_cli("validate", "data/statements/g7-2023-digital-annex4.ttl", "--no-warnings")
    assert result.returncode == 0, result.stdout[-2000:]
    assert "conforms: 0 violation(s)" in result.stdout


def test_in_context_the_report_holds_only_what_the_named_file_defines():
    """The seed's two recommendation warnings belong to the seed, not to a reference file named alone."""
    whole = validate(["data/statements/g7-2023-digital-annex4.ttl"], in_context=True)
    assert len(whole.warnings) == len(whole.results) == 2
    reference = validate(["data/reference/forums.ttl"], in_context=True)
    assert reference.findings == [] and reference.results == [] and len(reference.graph()) == 2  # type and conforms
