"""Every shell and Python example of the README runs as written, in order, as a new user would paste it.

The examples run in a private copy of the project's data (GOVGRAPH_HOME), from a folder holding the
virtualenv as `.venv`, in a fresh shell each. Two kinds of block are marked in the README with an HTML
comment just above them:

- `<!-- example: setup -->`: the setup commands (virtualenv, pip, `.ci/run`), which need the network
  or root; `.ci/run` runs them, and `tests/test_readme.py` holds their words. Here: only checked to
  be setup and nothing else.
- `<!-- example: serves URL -->`: a server that runs until stopped (the app): started, its URL must
  answer, then it is stopped.

The one change to what the README says: fixed ports (8501, 7878) become free ports, since other
programs on this machine may hold them.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from govgraph import paths
from tests.app_fixtures import free_port
from tests.conftest import cli_environment

pytestmark = [pytest.mark.slow, pytest.mark.server]

README = (paths.PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
BLOCK = re.compile(r"(?:<!-- example: (?P<mark>[^>]*?) -->\n)?```(?P<lang>sh|python)\n(?P<code>.*?)```", re.DOTALL)
SETUP = re.compile(r"^(python3 -m venv \.venv && \.venv/bin/pip install -e \. && .*|bash \.ci/run)$")
VENV = Path(sys.executable).parents[1]


def examples() -> list[tuple[str, str, str]]:
    """(mark, language, code) of every sh and python block, in README order."""
    return [(m["mark"] or "", m["lang"], m["code"]) for m in BLOCK.finditer(README)]


@pytest.fixture(scope="module")
def place(project_copy_module: Path) -> tuple[Path, dict[str, str], dict[str, str]]:
    """The folder the examples run in, their environment and the port of each fixed port."""
    home = project_copy_module
    (home / ".venv").symlink_to(VENV)
    ports = {"8501": str(free_port()), "7878": str(free_port())}
    env = cli_environment(home)
    env["PATH"] = f"{VENV / 'bin'}:{env['PATH']}"
    return home, env, ports


@pytest.fixture(scope="module")
def project_copy_module(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    home = tmp_path_factory.mktemp("readme") / "home"
    for part in ("ontology", "data", "queries"):
        shutil.copytree(paths.PROJECT_ROOT / part, home / part, ignore=shutil.ignore_patterns("drafts"))
    return home


def with_ports(code: str, ports: dict[str, str]) -> str:
    for fixed, free in ports.items():
        code = code.replace(f"127.0.0.1:{fixed}", f"127.0.0.1:{free}")
    return re.sub(r"^govgraph app\b", f"govgraph app --port {ports['8501']}", code, flags=re.MULTILINE)


def test_the_readme_has_its_examples():
    kinds = [(mark.split()[0] if mark else "", lang) for mark, lang, _ in examples()]
    assert ("setup", "sh") in kinds and ("serves", "sh") in kinds and ("", "python") in kinds
    for mark, _, code in examples():
        if mark == "setup":
            assert all(SETUP.match(line) for line in code.strip().splitlines()), code


def test_every_example_runs_in_order(place):
    home, env, ports = place
    for mark, lang, code in examples():
        if mark == "setup":
            continue
        code = with_ports(code, ports)
        if mark.startswith("serves"):
            url = with_ports(mark.split()[1], ports)
            serve(code, url, home, env)
        elif lang == "sh":
            result = subprocess.run(["bash", "-e", "-c", code], cwd=home, env=env, capture_output=True, text=True, timeout=600)
            assert result.returncode == 0, f"{code}\n--- stderr:\n{result.stderr}\n--- stdout:\n{result.stdout}"
        else:
            result = subprocess.run([sys.executable, "-c", code], cwd=home, env=env, capture_output=True, text=True, timeout=600)
            assert result.returncode == 0, f"{code}\n--- stderr:\n{result.stderr}"
    assert (home / "per-forum.csv").read_text(encoding="utf-8").startswith("forum,")
    assert (home / "build" / "dump" / "description.ttl").is_file()


def serve(code: str, url: str, home: Path, env: dict[str, str]) -> None:
    """Run a block that serves until stopped; its URL must answer within two minutes, then it is stopped."""
    process = subprocess.Popen(
        ["bash", "-e", "-c", f"exec {code.strip()}" if "\n" not in code.strip() else code],
        cwd=home,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        pytest.fail(f"{url} did not answer: {code}")
    finally:
        import os
        import signal

        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
