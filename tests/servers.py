"""Real SPARQL servers for tests: a pytest plugin (load it with ``pytest_plugins = ["tests.servers"]``).

- ``oxigraph_url``: the query URL of an in-memory ``oxigraph serve --union-default-graph``
  started on a free loopback port (binary from the ``oxigraph`` PyPI package), shared by the
  session; ``fresh_oxigraph_url``: an empty one for a single test.
- ``virtuoso_url``: the query URL (``…/sparql``) of Virtuoso 7. When GOVGRAPH_VIRTUOSO_URL is
  set (CI starts one), that server is used; otherwise ``virtuoso-t`` is started from a generated
  ini with every file under a temporary folder, and anonymous SPARQL updates are granted with
  ``isql-vt``. Tests skip, saying why, only where ``virtuoso-t`` is not installed.
- ``http_responder``: a factory for a tiny ``http.server`` on loopback that answers every
  request with a fixed status, content type and body (for HTTP error / malformed-result tests).

Every process is stopped with SIGTERM, then SIGKILL after a grace period.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

VIRTUOSO_ENV = "GOVGRAPH_VIRTUOSO_URL"
READY_TIMEOUT = 60.0


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_ready(url: str, process: subprocess.Popen, timeout: float = READY_TIMEOUT) -> None:
    """Poll `url` until it answers 200, failing early if the process dies."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with status {process.returncode} before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer within {timeout:g} s")


def stop(process: subprocess.Popen, grace: float = 10.0) -> None:
    """SIGTERM, wait, then SIGKILL."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def oxigraph_binary() -> str:
    """The `oxigraph` command next to this Python, or on PATH."""
    beside = Path(sys.executable).with_name("oxigraph")
    return str(beside) if beside.exists() else (shutil.which("oxigraph") or "oxigraph")


def start_oxigraph() -> tuple[subprocess.Popen, str]:
    """An in-memory Oxigraph server with the union default graph; returns (process, query URL)."""
    port = free_port()
    # --timeout-s bounds the server's own work when a test's client gives up on a query.
    process = subprocess.Popen(
        [oxigraph_binary(), "serve", "--bind", f"127.0.0.1:{port}", "--union-default-graph", "--timeout-s", "10"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_ready(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", process)
    except BaseException:
        stop(process)
        raise
    return process, f"http://127.0.0.1:{port}/query"


@pytest.fixture(scope="session")
def oxigraph_url() -> Iterator[str]:
    """Query URL of an Oxigraph server shared by the session's tests."""
    process, url = start_oxigraph()
    try:
        yield url
    finally:
        stop(process)


@pytest.fixture
def fresh_oxigraph_url() -> Iterator[str]:
    """Query URL of an empty Oxigraph server of this test's own."""
    process, url = start_oxigraph()
    try:
        yield url
    finally:
        stop(process)


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
LiteMode = 0
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 10
CheckpointInterval = 60
O_DIRECT = 0
CaseMode = 2
MaxStaticCursorRows = 5000
AllowOSCalls = 0
DirsAllowed = ., {d}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {d}/vsp
MaxClientConnections = 10
DavRoot = DAV
EnabledDavVSP = 0
HTTPProxyEnabled = 0
ServerThreads = 10
MaxKeepAlives = 10
KeepAliveTimeout = 10
HTTPThreadSize = 280000
Charset = UTF-8
EnabledGzipContent = 0

[SPARQL]
; Debian's 10000 would cut results off silently.
ResultSetMaxRows = 10000000
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime = 10
"""


def start_virtuoso(folder: Path) -> tuple[subprocess.Popen, str, int]:
    """Start virtuoso-t on free loopback ports with its files in `folder`; returns (process, query URL, SQL port)."""
    sql_port, http_port = free_port(), free_port()
    (folder / "vsp").mkdir(exist_ok=True)
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(d=folder, sql_port=sql_port, http_port=http_port))
    process = subprocess.Popen(
        ["virtuoso-t", "+foreground", "+configfile", str(ini)], cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{http_port}/sparql"
    try:
        wait_ready(url + "?query=ASK%7B%7D", process, timeout=120)
        grant = "GRANT SPARQL_UPDATE TO \"SPARQL\"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);"
        subprocess.run(
            ["isql-vt", f"127.0.0.1:{sql_port}", "dba", "dba", f"exec={grant}"],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=60,
        )
    except BaseException:
        stop(process)
        raise
    return process, url, sql_port


@pytest.fixture(scope="session")
def virtuoso_url() -> Iterator[str]:
    """Query URL of a Virtuoso 7 server that accepts anonymous SPARQL updates."""
    announced = os.environ.get(VIRTUOSO_ENV)
    if announced:
        yield announced
        return
    if shutil.which("virtuoso-t") is None or shutil.which("isql-vt") is None:
        pytest.skip(
            f"Virtuoso 7 is not installed (no virtuoso-t/isql-vt on PATH; install virtuoso-opensource-7 or set {VIRTUOSO_ENV})"
        )
    folder = Path(tempfile.mkdtemp(prefix="govgraph-virtuoso-"))
    process, url, _ = start_virtuoso(folder)
    try:
        yield url
    finally:
        stop(process, grace=30)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(params=["oxigraph", "virtuoso"])
def server_url(request: pytest.FixtureRequest) -> str:
    """Each real server in turn."""
    url: str = request.getfixturevalue(f"{request.param}_url")
    return url


@pytest.fixture
def http_responder() -> Iterator[Callable[[int, str, bytes], str]]:
    """Start loopback HTTP servers answering every request with (status, content type, body); yields a factory returning their URL."""
    servers: list[ThreadingHTTPServer] = []

    def start(status: int, content_type: str, body: bytes) -> str:
        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_PUT = _answer

            def log_message(self, *args: object) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/query"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def main(argv: list[str]) -> int:
    """``python tests/servers.py virtuoso DIR``: start Virtuoso with the test ini, print ``URL PID``, leave it running.

    For CI scripts that start the server once and announce it with GOVGRAPH_VIRTUOSO_URL.
    """
    if len(argv) != 3 or argv[1] != "virtuoso":
        print("usage: servers.py virtuoso DIR", file=sys.stderr)
        return 2
    folder = Path(argv[2])
    folder.mkdir(parents=True, exist_ok=True)
    process, url, _ = start_virtuoso(folder.resolve())
    print(url, process.pid)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
