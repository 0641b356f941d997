"""A wheel installed outside the checkout works: it carries the ontology, the saved questions and the app.

The wheel is built by pip from a copy of the checkout, installed into a fresh virtualenv in a
temporary folder (its dependencies come from this interpreter's site-packages through a .pth
file, so nothing is downloaded), and the installed `govgraph` runs on a home holding only a
copy of data/.
"""

import os
import shutil
import site
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

import govgraph
from govgraph import paths

pytestmark = pytest.mark.slow

CHECKOUT = Path(__file__).resolve().parents[1]
#: Folders of the checkout a wheel is never built from (outputs, caches, the data a home brings).
NOT_SOURCES = (
    ".git",
    ".venv",
    "build",
    "data",
    "tests",
    "benchmarks",
    "__pycache__",
    "*.egg-info",
    "test-artifacts",
    "bench-results",
    ".pytest_cache",
)


def _run(*argv: str | Path, cwd: Path, env: dict[str, str] | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    done = subprocess.run([str(a) for a in argv], capture_output=True, text=True, cwd=cwd, env=env, timeout=timeout)
    assert done.returncode == 0, f"{argv} exited {done.returncode}:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin/ folder of a fresh virtualenv with the govgraph wheel installed."""
    root = tmp_path_factory.mktemp("wheel")
    source = root / "source"
    shutil.copytree(CHECKOUT, source, ignore=shutil.ignore_patterns(*NOT_SOURCES))
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", root / "dist", source, cwd=root)
    wheel = next((root / "dist").glob("govgraph-*.whl"))
    venv = root / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=root)
    purelib = Path(sysconfig.get_path("purelib", vars={"base": str(venv), "platbase": str(venv)}))
    # Dependencies from this interpreter's site-packages; a .pth adds folders without running their .pth files,
    # so the checkout's editable install stays invisible.
    (purelib / "dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n", encoding="utf-8")
    _run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        venv / "bin" / "python",
        "install",
        "--quiet",
        "--no-deps",
        "--no-index",
        wheel,
        cwd=root,
    )
    return venv / "bin"


@pytest.fixture
def outside(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A home holding a copy of data/ only, and an environment that knows nothing of the checkout."""
    home = tmp_path / "home"
    shutil.copytree(paths.DATA_DIR, home / "data", ignore=shutil.ignore_patterns("drafts"))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH" and not k.startswith("GOVGRAPH_")}
    return home, env


def test_the_installed_package_is_not_the_checkout(installed: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = _run(installed / "python", "-c", "import govgraph; print(govgraph.__file__)", cwd=tmp_path, env=env)
    assert not Path(done.stdout.strip()).resolve().is_relative_to(CHECKOUT)
    program = "from importlib.metadata import version; print(version('govgraph'))"
    assert _run(installed / "python", "-c", program, cwd=tmp_path, env=env).stdout.split() == [govgraph.__version__]
    assert _run(installed / "govgraph", "--version", cwd=tmp_path, env=env).stdout.split() == ["govgraph", govgraph.__version__]


def test_installed_cli_lists_validates_builds_and_queries(
    installed: Path, outside: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    home, env = outside
    govgraph = installed / "govgraph"
    listed = _run(govgraph, "--home", home, "queries", cwd=tmp_path, env=env).stdout
    assert {line.split()[0] for line in listed.splitlines()} == {p.stem for p in paths.QUERIES_DIR.glob("*.rq")}
    _run(govgraph, "--home", home, "validate", cwd=tmp_path, env=env)
    _run(govgraph, "--home", home, "build", cwd=tmp_path, env=env)
    assert (home / "build" / "govgraph.nq").is_file() and (home / "build" / "store").is_dir()
    # GOVGRAPH_HOME works as well as --home.
    answer = _run(govgraph, "query", "totals", "--format", "csv", cwd=tmp_path, env={**env, "GOVGRAPH_HOME": str(home)}).stdout
    assert len(answer.splitlines()) > 1
    # The shipped app runs its overview page on that build (Streamlit's AppTest, in the installed interpreter).
    program = (
        "from streamlit.testing.v1 import AppTest; from govgraph.explore.launch import APP_FILE; "
        "at = AppTest.from_file(str(APP_FILE), default_timeout=120).run(); "
        "assert not at.exception, [e.value for e in at.exception]; print(at.title[0].value)"
    )
    shown = _run(
        installed / "python",
        "-c",
        program,
        cwd=tmp_path,
        env={**env, "GOVGRAPH_HOME": str(home), "GOVGRAPH_STORE": str(home / "build" / "store")},
    ).stdout
    assert shown.strip()


def test_installed_package_ships_the_app(installed: Path, tmp_path: Path) -> None:
    program = "from govgraph.explore.launch import APP_FILE; print(APP_FILE)"
    done = _run(installed / "python", "-c", program, cwd=tmp_path, env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"})
    app = Path(done.stdout.strip())
    assert app.is_file() and (app.parent / "app_pages" / "overview.py").is_file()
    assert not app.resolve().is_relative_to(CHECKOUT)
