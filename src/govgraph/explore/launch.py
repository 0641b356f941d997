"""Open the explorer's store (embedded or remote) and start the app: `govgraph app` builds the graph if needed,
then runs `streamlit run`."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from .. import paths
from ..errors import GovgraphError
from ..store import Store, open_store
from ..store.embedded import is_store
from .endpoints import ENDPOINTS_ENV, to_environment

#: Overrides the embedded store directory the app reads (tests and benchmarks point it at their own).
STORE_ENV = "GOVGRAPH_STORE"


def store_location() -> Path:
    """The embedded store directory: $GOVGRAPH_STORE when set, else build/store."""
    return Path(os.environ[STORE_ENV]) if os.environ.get(STORE_ENV) else paths.STORE_DIR


def ensure_built(location: Path | None = None) -> bool:
    """Build the graph when the embedded store is missing; True when a build ran."""
    location = Path(location) if location is not None else store_location()
    if is_store(location):
        return False
    from ..build import build

    build(store_dir=location)
    return True


def connect(endpoint: str | None = None, location: Path | str | None = None) -> Store:
    """The embedded store at `location` (default: `store_location()`), or the SPARQL endpoint at `endpoint`.

    Threads (Streamlit's sessions) can share it: the store layer takes turns where it must
    (the query parser, the embedded store's pipe to its child)."""
    endpoint = (endpoint or "").strip() or None
    return open_store(endpoint, location=location if location is not None else store_location())


APP_FILE = paths.APP_DIR / "streamlit_app.py"


def command(port: int = 8501, *, address: str = "127.0.0.1", headless: bool = True, app: Path = APP_FILE) -> list[str]:
    """The `streamlit run` command line: loopback only, no usage statistics, no file watcher."""
    return [sys.executable, "-m", "streamlit", "run", str(app),
            "--server.address", address, "--server.port", str(port),
            "--server.headless", "true" if headless else "false",
            "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
            "--client.toolbarMode", "minimal"]


def environment(endpoints: Sequence[str] = ()) -> dict[str, str]:
    """The app's environment: this package importable from the app, and the endpoints it may read."""
    env = dict(os.environ)
    package_root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
    env[ENDPOINTS_ENV] = to_environment(endpoints)
    return env


def run_app(port: int = 8501, *, endpoints: Sequence[str] = (), address: str = "127.0.0.1",
            headless: bool = True) -> int:
    """Build the embedded store if it is missing (and no endpoint is listed), then serve the app until stopped.

    `endpoints` are the only SPARQL servers the app may read besides the embedded store; the first is
    where a new session starts."""
    if not APP_FILE.is_file():
        raise GovgraphError(f"the app is missing: {APP_FILE}")
    if not endpoints and ensure_built():
        print(f"built the embedded store {paths.STORE_DIR}", file=sys.stderr)
    print(f"govgraph explorer on http://{address}:{port}/ (Ctrl+C stops it)", file=sys.stderr, flush=True)
    argv = command(port, address=address, headless=headless)
    # Become the server (no child left behind): stopping this process's PID stops the app.
    os.execve(argv[0], argv, environment(endpoints))
    return 0  # not reached
