"""The public API (`govgraph.__all__`) is imported on first use, and names stay what they were."""

import subprocess
import sys

from .conftest import cli_environment

PROGRAM = """
import sys
import govgraph.cli
assert "govgraph.paths" not in sys.modules, "importing the CLI read the paths before --home could apply"
import govgraph.validate, govgraph.building, govgraph.publish
import govgraph
for name in govgraph.__all__:
    assert getattr(govgraph, name) is not None, name
assert callable(govgraph.validate) and callable(govgraph.build) and callable(govgraph.publish)
from govgraph import EXPORT_FORMATS, Store, explore
from govgraph.export import FORMATS
assert EXPORT_FORMATS is FORMATS and explore.__name__ == "govgraph.explore"
"""


def test_every_public_name_resolves_and_the_cli_imports_no_paths() -> None:
    done = subprocess.run([sys.executable, "-c", PROGRAM], capture_output=True, text=True, env=cli_environment(), timeout=120)
    assert done.returncode == 0, done.stderr
