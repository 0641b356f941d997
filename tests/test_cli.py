"""The build, validate and stats commands, run as real subprocesses."""

import json

from .conftest import FIXTURES, run_cli


def test_validate_passes_on_the_curated_data():
    result = run_cli("validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "conforms: 0 violation(s)" in result.stdout
    assert "WARNING" in result.stdout  # recommendations are shown but do not fail


def test_validate_reports_each_violation_of_an_invalid_fixture_and_exits_1():
    fixture = FIXTURES / "invalid" / "commitment-that-welcomes.ttl"
    result = run_cli("validate", "data", str(fixture), "--no-warnings")
    assert result.returncode == 1
    assert "VIOLATION" in result.stdout and "commitment-that-welcomes.ttl: stmt:test-p1-s1" in result.stdout
    assert "CommitmentShape [gg:actKind]" in result.stdout
    assert "1 violation(s)" in result.stdout


def test_validate_json_lists_findings_with_full_iris():
    fixture = FIXTURES / "invalid" / "theme-not-theme.ttl"
    result = run_cli("validate", "data", str(fixture), "--format", "json")
    report = json.loads(result.stdout)
    assert result.returncode == 1 and report["conforms"] is False
    violations = [f for f in report["findings"] if f["severity"] == "Violation"]
    assert [(f["focus"], f["path"]) for f in violations] == [("https://w3id.org/govgraph/id/statement/test-p1-s1", "gg:theme")]


def test_build_writes_the_graph_and_store_and_prints_counts(project_copy):
    result = run_cli("build", home=project_copy, env={"GOVGRAPH_PROGRESS_AFTER": "0"})  # every step, however quick
    assert result.returncode == 0, result.stderr
    output = project_copy / "build" / "govgraph.nq"
    lines = output.read_text(encoding="utf-8").splitlines()
    assert len(lines) > 1000
    assert (project_copy / "build" / "store").is_dir()
    assert "https://w3id.org/govgraph/graph/document/g7-2023-digital-annex4" in result.stdout
    assert "commitments" in result.stdout and "parsing" in result.stderr  # progress goes to stderr
    stats = run_cli("stats", "--format", "json", home=project_copy)
    counts = json.loads(stats.stdout)
    curated = [line for line in lines if not line.endswith("<https://w3id.org/govgraph/graph/derived> .")]  # stats: curated only
    assert counts["statements"] == 16 and counts["commitments"] == 13 and counts["triples"] == len(curated) < len(lines)


def test_malformed_turtle_names_file_and_line_and_writes_nothing(project_copy):
    assert run_cli("build", home=project_copy).returncode == 0
    output = project_copy / "build" / "govgraph.nq"
    before, listing = output.read_bytes(), sorted(output.parent.rglob("*"))
    broken = project_copy / "data" / "reference" / "broken.ttl"
    broken.write_text('@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:a ex:b "unterminated .\n', encoding="utf-8")
    result = run_cli("build", home=project_copy)
    assert result.returncode == 2
    assert "broken.ttl:3" in result.stderr and "Traceback" not in result.stderr
    assert output.read_bytes() == before
    assert sorted(output.parent.rglob("*")) == listing
    validate = run_cli("validate", str(broken), home=project_copy)
    assert validate.returncode == 2 and "broken.ttl:3" in validate.stderr


def test_build_refuses_a_graph_with_violations_and_keeps_the_old_build(project_copy):
    assert run_cli("build", home=project_copy).returncode == 0
    output = project_copy / "build" / "govgraph.nq"
    before = output.read_bytes()
    statements = project_copy / "data" / "statements" / "g7-2023-digital-annex4.ttl"
    statements.write_text(
        statements.read_text(encoding="utf-8").replace("gg:actKind act:resolve", "gg:actKind act:welcome", 1), encoding="utf-8"
    )
    result = run_cli("build", home=project_copy)
    assert result.returncode == 2 and "violation" in result.stderr and "nothing was written" in result.stderr
    assert output.read_bytes() == before


def test_build_can_rebase_iris(project_copy):
    result = run_cli("build", "--base", "https://example.org/gg/", "--no-store", home=project_copy)
    assert result.returncode == 0, result.stderr
    # Another base builds into a folder of its own: build/store keeps the default base.
    text = (project_copy / "build" / "bases" / "example-org-gg" / "govgraph.nq").read_text(encoding="utf-8")
    assert "https://w3id.org/govgraph/" not in text
    assert "<https://example.org/gg/id/forum/igf>" in text
