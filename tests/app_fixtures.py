"""Fixtures for the explorer tests (a pytest plugin: ``pytest_plugins = ["app_fixtures"]``).

- ``seed_store``: a real embedded store (pyoxigraph directory) of the ontology and curated data.
- ``evil_store``: the same plus a forum and a commitment whose label and quote hold HTML and script.
- ``grown_store``: the seed plus three copies of its document (52 commitments: three pages of 20).
- ``app_page``: a factory of Streamlit AppTests of one page, reading a given store.
- ``serve_app``: a factory that runs the real app (`streamlit run`) on a free loopback port.
"""

from __future__ import annotations

import ast
import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from govgraph import loading
from govgraph.building import write_store
from govgraph.explore.endpoints import ENDPOINTS_ENV
from govgraph.explore.launch import APP_FILE, command, environment
from govgraph.source import STORE_ENV

EVIL_GRAPH = "https://w3id.org/govgraph/graph/document/evil-test"
EVIL_FORUM = "https://w3id.org/govgraph/id/forum/evil"
EVIL_STATEMENT = "https://w3id.org/govgraph/id/statement/evil-1"
EVIL_LABEL = "<script>window.__pwned=1</script><b>Evil</b> & Co"
EVIL_QUOTE = "We commit to meet at the Evil Forum and <script>window.__pwned=3</script> <img src=x onerror=window.__pwned=4>."
EVIL_TTL = f"""
@prefix gg: <https://w3id.org/govgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<{EVIL_FORUM}> a gg:Forum ; rdfs:label "{EVIL_LABEL}"@en ; skos:altLabel "Evil Forum"@en .
<{EVIL_STATEMENT}> a gg:Commitment ;
    rdfs:label "Evil <img src=x onerror=window.__pwned=2>"@en ;
    gg:quote "{EVIL_QUOTE}"@en ;
    gg:forum <{EVIL_FORUM}> ;
    gg:actKind <https://w3id.org/govgraph/id/act/commit> ;
    gg:madeBy <https://w3id.org/govgraph/id/actor/g7> .
"""


def ok(at):
    """Run an AppTest page and assert it raised nothing; the page, for chaining."""
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def markdown(at) -> str:
    """Every markdown element's text of an AppTest page, one per line."""
    return "\n".join(str(m.value) for m in at.markdown)


def app_pages() -> list[str]:
    """The pages the app's router lists, by the stem of each `st.Page("app_pages/NAME.py", …)` in streamlit_app.py."""
    tree = ast.parse(APP_FILE.read_text(encoding="utf-8"))
    return [
        Path(ast.literal_eval(node.args[0])).stem
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "Page"
    ]


def fill_store(target: Path, extra_turtle: str | None = None) -> Path:
    """An embedded store at `target` of the ontology and curated data, plus `extra_turtle` in a graph of its own."""
    quads = list(loading.load_store().quads_for_pattern(None, None, None))
    if extra_turtle:
        graph = ox.NamedNode(EVIL_GRAPH)
        quads += [ox.Quad(q.subject, q.predicate, q.object, graph) for q in ox.parse(extra_turtle, format=ox.RdfFormat.TURTLE)]
    write_store(quads, target)
    return target


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An embedded store of the ontology and every curated data file."""
    return fill_store(tmp_path_factory.mktemp("seed") / "store")


@pytest.fixture(scope="session")
def evil_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed plus a forum and a commitment carrying HTML and script in their label and quote."""
    return fill_store(tmp_path_factory.mktemp("evil") / "store", EVIL_TTL)


@pytest.fixture(scope="session")
def grown_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed plus three copies of its document under new IRIs, as `benchmarks/app_render.py` grows it."""
    from benchmarks.app_render import replicate

    quads = list(loading.load_store().quads_for_pattern(None, None, None))
    target = tmp_path_factory.mktemp("grown") / "store"
    write_store(quads + replicate(quads, 3), target)
    return target


@pytest.fixture
def app_page(monkeypatch: pytest.MonkeyPatch) -> Callable:
    """`app_page(page, store, endpoint="", allowed=None, **query_params)` → an AppTest of that page (not yet run).

    The app reads `store`, and offers the endpoints `allowed` (default: `endpoint` alone) as if
    listed by `govgraph app --endpoint`; `endpoint` is chosen the way a link does, by `?endpoint=`.
    """
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    def make(page: str, store: Path, endpoint: str = "", allowed: list[str] | None = None, **params: str) -> AppTest:
        monkeypatch.setenv(STORE_ENV, str(store))
        listed = ([endpoint] if endpoint else []) if allowed is None else allowed
        monkeypatch.setenv(ENDPOINTS_ENV, "\n".join(listed))
        # The app caches stores and answers process-wide; each test starts from a clean slate.
        st.cache_data.clear()
        st.cache_resource.clear()
        at = AppTest.from_file(str(APP_FILE), default_timeout=90)
        if page != "overview":
            at.switch_page(f"app_pages/{page}.py")
        if endpoint:
            at.query_params["endpoint"] = endpoint
        for key, value in params.items():
            at.query_params[key] = value
        return at

    return make


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def app_url(serve_app: Callable[[Path], str], seed_store: Path) -> str:
    """The real app, reading a store of the seed, for the whole session."""
    return serve_app(seed_store)


@pytest.fixture(scope="session")
def serve_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[Path], str]]:
    """`serve_app(store)` → base URL of the real app on 127.0.0.1 reading `store`; stopped after the session."""
    started: list[subprocess.Popen] = []

    def start(store: Path) -> str:
        port = free_port()
        env = environment()
        env[STORE_ENV] = str(store)
        log = open(tmp_path_factory.mktemp("app-log") / "streamlit.log", "wb")
        process = subprocess.Popen(command(port), env=env, stdout=log, stderr=subprocess.STDOUT, cwd=str(APP_FILE.parent.parent))
        started.append(process)
        base = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"the app exited with status {process.returncode}")
            try:
                with urllib.request.urlopen(base + "_stcore/health", timeout=2) as response:
                    if response.read().strip() == b"ok":
                        return base
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"the app did not answer on {base} within 90 s")

    yield start
    for process in started:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where browser tests save screenshots and downloads (gitignored)."""
    folder = APP_FILE.parent.parent / "test-artifacts"
    folder.mkdir(exist_ok=True)
    return folder
