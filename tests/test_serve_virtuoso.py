"""Virtuoso holding a synthetic corpus gives every saved question the rows of the embedded store.

The corpus (about 20k triples, `benchmarks/synthetic.py`) is built once, then put on a real
Virtuoso 7 on 127.0.0.1 in each of the two ways docs/servers.md gives: the bulk loader, by
running the documented shell block as written (only its folder and SQL port are changed), and
`govgraph publish --user dba --password dba`. Virtuoso is another engine, so rows are compared as sorted lists of plain
values (`tests.query_rows.short`: its xsd:int counts equal the embedded store's xsd:integer).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest

from govgraph import paths
from govgraph.queries import SavedQuery, list_queries
from govgraph.source import GraphSource, open_store
from govgraph.store import RemoteStore, ResultTable, Store
from tests.conftest import cli_environment, run_cli
from tests.query_rows import rows
from tests.servers import start_virtuoso, stop

pytestmark = [pytest.mark.server, pytest.mark.slow]

SERVERS_DOC = paths.PROJECT_ROOT / "docs" / "servers.md"
BULK_LOAD_BLOCK = re.compile(r"<!-- example: virtuoso-bulk-load -->\n```sh\n(?P<code>.*?)```", re.DOTALL)
TRIPLES = 20_000
#: Enough rows that no question is cut short on the corpus, so engines cannot differ by where they cut.
LIMIT = 1_000_000
QUESTIONS = {question.name: question for question in list_queries()}
GOVGRAPH_GRAPHS = "SELECT COUNT(*) FROM DB.DBA.RDF_QUAD WHERE starts_with(id_to_iri(G), 'https://w3id.org/govgraph/');"


@dataclass(frozen=True)
class Virtuoso:
    """A running Virtuoso: its SPARQL URL, its SQL port and the folder of its files (allowed for loading)."""

    url: str
    sql_port: int
    folder: Path

    def sql(self, statements: str) -> str:
        """Run SQL through `isql-vt` as dba; returns what it printed."""
        done = subprocess.run(
            ["isql-vt", f"127.0.0.1:{self.sql_port}", "dba", "dba", f"exec={statements}"],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout


@pytest.fixture(scope="module")
def virtuoso() -> Iterator[Virtuoso]:
    """A Virtuoso of this module's own: bulk loading needs its SQL port and a folder it may read."""
    if shutil.which("virtuoso-t") is None or shutil.which("isql-vt") is None:
        pytest.skip("Virtuoso 7 is not installed (no virtuoso-t/isql-vt on PATH; install virtuoso-opensource-7)")
    folder = Path(tempfile.mkdtemp(prefix="govgraph-virtuoso-"))
    process, url, sql_port = start_virtuoso(folder)
    try:
        yield Virtuoso(url, sql_port, folder)
    finally:
        stop(process, grace=30)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A built synthetic home (GOVGRAPH_HOME): build/govgraph.nq and build/store."""
    home = tmp_path_factory.mktemp("serve") / "home"
    generator = paths.PROJECT_ROOT / "benchmarks" / "synthetic.py"
    subprocess.run(
        [sys.executable, str(generator), str(home), "--triples", str(TRIPLES)],
        check=True,
        capture_output=True,
        env=cli_environment(),
        timeout=300,
    )
    built = run_cli("build", home=home)
    assert built.returncode == 0, built.stderr
    return home


def answer(question: SavedQuery, store: Store) -> object:
    """A question's answer with its default parameters: True/False, or its rows as sorted plain values."""
    result = question.run(store, limit=LIMIT)
    return sorted(rows(result), key=repr) if isinstance(result, ResultTable) else result


@pytest.fixture(scope="module")
def embedded(corpus: Path) -> dict[str, object]:
    """Every question's answer on the build, queried in this process."""
    with GraphSource.from_build(corpus / "build" / "govgraph.nq").store() as store:
        return {name: answer(question, store) for name, question in QUESTIONS.items()}


def bulk_load(virtuoso: Virtuoso, home: Path) -> str:
    """Run the bulk-load block of docs/servers.md in `home`, with this server's folder and SQL port."""
    match = BULK_LOAD_BLOCK.search(SERVERS_DOC.read_text(encoding="utf-8"))
    assert match, "docs/servers.md has no virtuoso-bulk-load block"
    script = re.sub(r"^LOAD_DIR=\S+", f"LOAD_DIR={virtuoso.folder / 'load'}", match["code"], count=1, flags=re.M)
    script = re.sub(r"^ISQL=\S+", f"ISQL=127.0.0.1:{virtuoso.sql_port}", script, count=1, flags=re.M)
    done = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=home, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return done.stdout


def loaded_triples(virtuoso: Virtuoso) -> int:
    printed = virtuoso.sql(GOVGRAPH_GRAPHS)
    return int(re.findall(r"^(\d+)\s*$", printed, re.M)[-1])


@pytest.fixture(scope="module", params=["bulk-load", "publish"])
def loaded(request: pytest.FixtureRequest, virtuoso: Virtuoso, corpus: Path) -> Iterator[Store]:
    """Virtuoso holding the corpus, put there by the bulk loader (twice, as a reload would) or by `govgraph publish`."""
    virtuoso.sql("log_enable(3,1); DELETE FROM DB.DBA.RDF_QUAD WHERE starts_with(id_to_iri(G), 'https://w3id.org/govgraph/');")
    assert loaded_triples(virtuoso) == 0
    if request.param == "bulk-load":
        for _ in range(2):
            printed = bulk_load(virtuoso, corpus)
            assert re.search(r"^0 Rows\.", printed.rstrip().splitlines()[-1]), printed  # no file failed to load
    else:
        published = run_cli("publish", "--endpoint", virtuoso.url, "--user", "dba", "--password", "dba", home=corpus)
        assert published.returncode == 0, published.stderr
    with open_store(virtuoso.url) as store:
        yield store


def test_the_server_holds_every_quad_of_the_build(loaded: Store, virtuoso: Virtuoso, corpus: Path) -> None:
    quads = (corpus / "build" / "govgraph.nq").read_bytes().count(b"\n")
    assert quads > TRIPLES * 0.9
    assert loaded_triples(virtuoso) == quads


@pytest.mark.parametrize("name", sorted(QUESTIONS))
def test_every_saved_question_gives_the_rows_of_the_embedded_store(name: str, loaded: Store, embedded: dict[str, object]) -> None:
    assert answer(QUESTIONS[name], loaded) == embedded[name]


def test_most_questions_have_rows_on_the_corpus(embedded: dict[str, object]) -> None:
    """The comparison means something only where the default parameters find data in the corpus."""
    answered = [name for name, found in embedded.items() if found]
    assert len(answered) >= len(embedded) * 0.75, sorted(set(embedded) - set(answered))


def test_publish_with_credentials_sends_a_graph_of_megabytes(virtuoso: Virtuoso) -> None:
    """Virtuoso answers a Digest challenge before reading the body: the credentials must go with the first request.

    Sent without them, a body of megabytes meets a closed connection (broken pipe or reset)
    instead of the challenge, so `govgraph publish --user --password` failed on large graphs.
    """
    graph = ox.NamedNode("https://w3id.org/govgraph/graph/test-digest")
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    quads = [
        ox.Quad(ox.NamedNode(f"https://w3id.org/govgraph/id/test-{i}"), label, ox.Literal(f"label {i} " + "x" * 100), graph)
        for i in range(25_000)
    ]
    with open_store(virtuoso.url, user="dba", password="dba") as store:
        assert isinstance(store, RemoteStore)
        try:
            assert store.publish(quads) == {graph.value: 25_000}
        finally:  # SQL, not DROP GRAPH: that runs into the test server's 10 s query limit
            virtuoso.sql(f"log_enable(3,1); DELETE FROM DB.DBA.RDF_QUAD WHERE G = iri_to_id('{graph.value}');")
