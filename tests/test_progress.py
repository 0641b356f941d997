"""Progress on long runs: build, validate and the benchmark generator report their steps on stderr.

A run shorter than GOVGRAPH_PROGRESS_AFTER seconds (two by default) prints no progress, so
the tests set it to 0 (always report) or to an hour (never, on any machine) rather than time
anything.
"""

import subprocess
import sys

from govgraph.progress import Delayed

from .conftest import ROOT, cli_environment, run_cli

ALWAYS = {"GOVGRAPH_PROGRESS_AFTER": "0"}
NEVER = {"GOVGRAPH_PROGRESS_AFTER": "3600"}


def test_build_reports_its_steps_on_a_long_run_and_nothing_on_a_short_one(project_copy):
    long = run_cli("build", home=project_copy, env=ALWAYS)
    assert long.returncode == 0, long.stderr
    assert "parsing" in long.stderr and "validating" in long.stderr and "commitments" not in long.stderr
    short = run_cli("build", home=project_copy, env=NEVER)
    assert short.returncode == 0 and short.stderr == ""
    assert "commitments" in short.stdout


def test_validate_reports_its_steps_on_stderr_and_keeps_stdout_for_the_report(project_copy):
    long = run_cli("validate", "--format", "json", home=project_copy, env=ALWAYS)
    assert long.returncode == 0, long.stderr
    assert "validating" in long.stderr and long.stdout.lstrip().startswith("{")
    short = run_cli("validate", home=project_copy, env=NEVER)
    assert short.returncode == 0 and short.stderr == ""


def test_the_generator_reports_its_documents(tmp_path):
    command = [sys.executable, str(ROOT / "benchmarks" / "synthetic.py"), str(tmp_path / "home"), "--triples", "3000"]
    result = subprocess.run(command, capture_output=True, text=True, env=cli_environment(None, ALWAYS), timeout=300)
    assert result.returncode == 0, result.stderr
    assert "documents" in result.stderr and "wrote" in result.stdout


def test_a_delayed_report_passes_steps_on_at_once_when_the_delay_is_over(capsys):
    report = Delayed(delay=0)
    report("step one")
    report.close()
    assert capsys.readouterr().err == "step one\n"


def test_a_delayed_report_says_nothing_for_a_run_that_ends_before_the_delay(capsys):
    report = Delayed(delay=3600)
    report("step one")
    report("step two")
    report.close()
    assert capsys.readouterr().err == ""
