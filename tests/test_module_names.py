"""Module names say what they do and hide nothing: no second `build.py`, no module over the standard library."""

import sys
from pathlib import Path

import govgraph
from govgraph.store import worker

PACKAGE = Path(govgraph.__file__).parent


def test_the_query_worker_folder_shadows_no_standard_module():
    # The worker runs as a script, so its folder comes first on sys.path: a store/http.py there
    # would be imported in place of the standard `http`.
    folder = Path(worker.__file__).parent
    shadowing = sorted(p.name for p in folder.glob("*.py") if p.stem in sys.stdlib_module_names)
    assert shadowing == []


def test_only_the_command_is_called_build():
    assert [p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("build.py")] == ["commands/build.py"]
