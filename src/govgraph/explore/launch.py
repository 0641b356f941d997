"""Open the explorer's store (embedded or remote) and start the app: `govgraph app` builds the graph if needed,
then runs `streamlit run`."""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Sequence
from pathlib import Path

from .. import paths
from ..errors import GovgraphError
from ..source import STORE_ENV, GraphSource
from ..store import Store
from .endpoints import ENDPOINTS_ENV, to_environment


def source(endpoint: str | None = None, location: Path | str | None = None) -> GraphSource:
    """What the app reads: the SPARQL endpoint at `endpoint`, else the embedded store at `location`
    (default: $GOVGRAPH_STORE, else build/store)."""
    endpoint = (endpoint or "").strip() or None
    return GraphSource.from_endpoint(endpoint) if endpoint else GraphSource.from_store(location)


def connect(endpoint: str | None = None, location: Path | str | None = None) -> Store:
    """The Store of `source(endpoint, location)`.

    Threads (Streamlit's sessions) can share it: the store layer takes turns where it must
    (the query parser, the embedded store's pipe to its child)."""
    return source(endpoint, location).store()


APP_FILE = paths.APP_DIR / "streamlit_app.py"


def command(port: int = 8501, *, address: str = "127.0.0.1", headless: bool = True, app: Path = APP_FILE) -> list[str]:
    """The `streamlit run` command line: loopback only, no usage statistics, no file watcher."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app),
        "--server.address",
        address,
        "--server.port",
        str(port),
        "--server.headless",
        "true" if headless else "false",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
        "--client.toolbarMode",
        "minimal",
    ]


def environment(endpoints: Sequence[str] = (), store: Path | None = None) -> dict[str, str]:
    """The app's environment: this package importable from the app, the endpoints it may read, and its store."""
    env = dict(os.environ)
    if store is not None:
        env[STORE_ENV] = str(store)
    package_root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
    env[ENDPOINTS_ENV] = to_environment(endpoints)
    return env


def check_port_free(address: str, port: int) -> None:
    """Refuse, before announcing the app, a port another program listens on (Streamlit would only fail after)."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((address, port))
        except OSError as error:
            raise GovgraphError(
                f"port {port} on {address} is taken ({error.strerror or error}): stop what uses it, or pick another with --port"
            ) from None


def run_app(
    port: int = 8501,
    *,
    endpoints: Sequence[str] = (),
    store: GraphSource | None = None,
    address: str = "127.0.0.1",
    headless: bool = True,
) -> int:
    """Build the embedded store if it is missing (and no endpoint is listed), then serve the app until stopped.

    `store` is the embedded store the app reads (default: `GraphSource.from_store()`); `endpoints` are
    the only SPARQL servers it may read besides, the first being where a new session starts."""
    if not APP_FILE.is_file():
        raise GovgraphError(f"the app is missing: {APP_FILE}")
    store = store or GraphSource.from_store()
    if not endpoints and store.build_if_missing():
        print(f"built the embedded store {store.where}", file=sys.stderr)
    check_port_free(address, port)
    print(f"govgraph explorer on http://{address}:{port}/ (Ctrl+C stops it)", file=sys.stderr, flush=True)
    argv = command(port, address=address, headless=headless)
    # Become the server (no child left behind): stopping this process's PID stops the app.
    os.execve(argv[0], argv, environment(endpoints, store.location))
    return 0  # not reached
