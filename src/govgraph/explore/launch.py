"""Open the explorer's store (embedded or remote) and start the app: `govgraph app` builds the graph if needed,
then runs `streamlit run`."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

from .. import paths
from ..errors import GovgraphError
from ..store import Store, open_store
from ..store.embedded import is_store

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


#: One query at a time, process-wide: the checks parse queries with pyparsing (rdflib's SPARQL grammar),
#: which is not thread-safe, and the embedded store talks to its child process over one pipe.
_TURN = threading.RLock()


class Serialised(Store):
    """A store whose queries take turns, so that Streamlit's session threads can share it."""

    def __init__(self, inner: Store) -> None:
        self.inner = inner
        self.where = inner.where

    def run(self, query, bindings=None, **options):  # type: ignore[no-untyped-def, override]
        with _TURN:
            return self.inner.run(query, bindings, **options)

    def _execute(self, prepared, timeout, limit):  # type: ignore[no-untyped-def]
        with _TURN:
            return self.inner._execute(prepared, timeout, limit)

    def publish(self, data):  # type: ignore[no-untyped-def]
        with _TURN:
            return self.inner.publish(data)

    def close(self) -> None:
        with _TURN:
            self.inner.close()


def connect(endpoint: str | None = None, location: Path | str | None = None) -> Store:
    """The embedded store at `location` (default: `store_location()`), or the SPARQL endpoint at `endpoint`,
    wrapped in `Serialised` so that threads can share it."""
    endpoint = (endpoint or "").strip() or None
    return Serialised(open_store(endpoint, location=location if location is not None else store_location()))


APP_FILE = paths.PROJECT_ROOT / "app" / "streamlit_app.py"
#: The app reads its default endpoint from here (the sidebar can still change it).
ENDPOINT_ENV = "GOVGRAPH_ENDPOINT"


def command(port: int = 8501, *, address: str = "127.0.0.1", headless: bool = True, app: Path = APP_FILE) -> list[str]:
    """The `streamlit run` command line: loopback only, no usage statistics, no file watcher."""
    return [sys.executable, "-m", "streamlit", "run", str(app),
            "--server.address", address, "--server.port", str(port),
            "--server.headless", "true" if headless else "false",
            "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
            "--client.toolbarMode", "minimal"]


def environment(endpoint: str | None = None) -> dict[str, str]:
    """The app's environment: this package importable from the app, and the default endpoint."""
    env = dict(os.environ)
    package_root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
    if endpoint:
        env[ENDPOINT_ENV] = endpoint
    return env


def run_app(port: int = 8501, *, endpoint: str | None = None, address: str = "127.0.0.1", headless: bool = True) -> int:
    """Build the embedded store if it is missing (and no endpoint is given), then serve the app until stopped."""
    if not APP_FILE.is_file():
        raise GovgraphError(f"the app is missing: {APP_FILE}")
    if endpoint is None and ensure_built():
        print(f"built the embedded store {paths.STORE_DIR}", file=sys.stderr)
    print(f"govgraph explorer on http://{address}:{port}/ (Ctrl+C stops it)", file=sys.stderr, flush=True)
    argv = command(port, address=address, headless=headless)
    # Become the server (no child left behind): stopping this process's PID stops the app.
    os.execve(argv[0], argv, environment(endpoint))
    return 0  # not reached
