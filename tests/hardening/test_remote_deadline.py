"""One deadline covers a whole remote call: connect, headers and body (issue 9, bounded waits).

A server that sends a byte a second never trips a per-read socket timeout; these tests need
the call itself to stop at the time limit. The subprocess timeout is only a safety net so a
regression fails instead of hanging the suite.
"""

from pathlib import Path

import pyoxigraph as ox
import pytest

from govgraph.errors import GovgraphError
from govgraph.source import open_store
from tests.conftest import run_cli
from tests.hardening.faulty_server import drip, head, serving

BODY = b'{"head": {"vars": ["s"]}, "results": {"bindings": []}}'
SAFETY_NET = 30
QUAD = ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal("o"), ox.NamedNode("urn:g"))


@pytest.fixture
def query_file(tmp_path: Path) -> Path:
    path = tmp_path / "all.rq"
    path.write_text("SELECT ?s WHERE { ?s ?p ?o }\n", encoding="utf-8")
    return path


def one_line_failure(result) -> str:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.parametrize(
    "answer",
    [
        pytest.param(drip(head() + BODY), id="slow-headers"),
        pytest.param(lambda send: (send(head()), drip(BODY)(send)), id="slow-body"),
    ],
)
def test_query_stops_at_the_time_limit(query_file: Path, answer) -> None:
    with serving(answer) as server:
        result = run_cli("query", str(query_file), "--endpoint", server.url, "--timeout", "2", timeout=SAFETY_NET)
    assert "time limit" in one_line_failure(result)


def test_publish_stops_at_the_time_limit() -> None:
    with serving(drip(head("204 No Content", "text/plain", 0))) as server:
        with pytest.raises(GovgraphError, match="time limit"):
            open_store(server.url).publish([QUAD], timeout=2)


def test_drop_graphs_stops_at_the_time_limit() -> None:
    with serving(drip(head("204 No Content", "text/plain", 0))) as server:
        with pytest.raises(GovgraphError, match="time limit"):
            open_store(server.url).drop_graphs(["urn:g"], timeout=2)
