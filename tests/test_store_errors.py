"""Endpoint failures become one-line GovgraphErrors (real loopback servers, no mocks)."""

import pyoxigraph as ox
import pytest

from govgraph.cli import main
from govgraph.errors import GovgraphError
from govgraph.source import open_store
from govgraph.store import endpoints

pytest_plugins = ["tests.servers"]

QUAD = ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal("o"), ox.NamedNode("urn:g"))


def one_line(error: pytest.ExceptionInfo) -> str:
    text = str(error.value)
    assert "\n" not in text
    return text


def test_unreachable_endpoint() -> None:
    from tests.servers import free_port

    url = f"http://127.0.0.1:{free_port()}/query"
    with pytest.raises(GovgraphError) as caught:
        open_store(url).select("SELECT * WHERE { ?s ?p ?o }")
    assert one_line(caught) == f"cannot reach {url}: Connection refused"


@pytest.mark.parametrize("status", [500, 503, 403])
def test_http_error_status(http_responder, status: int) -> None:
    url = http_responder(status, "text/plain", b"the server broke\nbadly")
    with pytest.raises(GovgraphError, match=rf"answered HTTP {status}.*the server broke badly") as caught:
        open_store(url).select("SELECT * WHERE { ?s ?p ?o }")
    one_line(caught)


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b'{"head": {"vars": ["s"]}}',
        b"[1, 2]",
        b'{"head": {"vars": ["s"]}, "results": {"bindings": [{"s": {"type": "weird", "value": "x"}}]}}',
    ],
)
def test_malformed_select_result(http_responder, body: bytes) -> None:
    url = http_responder(200, "application/sparql-results+json", body)
    with pytest.raises(GovgraphError, match="malformed") as caught:
        open_store(url).select("SELECT * WHERE { ?s ?p ?o }")
    one_line(caught)


def test_malformed_ask_and_construct_results(http_responder) -> None:
    url = http_responder(200, "application/sparql-results+json", b'{"head": {}}')
    with pytest.raises(GovgraphError, match="malformed result .*no boolean"):
        open_store(url).ask("ASK { ?s ?p ?o }")
    url = http_responder(200, "text/turtle", b"<urn:a> <urn:b> .")
    with pytest.raises(GovgraphError, match="malformed result .*not Turtle") as caught:
        open_store(url).construct("CONSTRUCT WHERE { ?s ?p ?o }")
    one_line(caught)


def test_publish_http_error(http_responder) -> None:
    url = http_responder(500, "text/plain", b"disk full")
    with pytest.raises(GovgraphError, match=r"/store answered HTTP 500 .*disk full"):
        open_store(url).publish([QUAD])


def test_publish_without_a_graph_store_url() -> None:
    with pytest.raises(GovgraphError, match="give --store-endpoint"):
        open_store("http://127.0.0.1:9/sparql/endpoint").publish([QUAD])


@pytest.mark.parametrize(
    "url, update, store",
    [
        ("http://h:7878/query", "http://h:7878/update", "http://h:7878/store"),
        ("http://h:8890/sparql", "http://h:8890/sparql", "http://h:8890/sparql-graph-crud"),
        ("https://h/ds/query", "https://h/ds/update", "https://h/ds/store"),
    ],
)
def test_endpoint_urls_are_derived(url: str, update: str, store: str) -> None:
    target = endpoints(url)
    assert (target.update, target.store) == (update, store)


def test_virtuoso_with_credentials_uses_the_auth_urls() -> None:
    target = endpoints("http://h:8890/sparql", user="dba", password="dba")
    assert (target.update, target.store, target.auth) == (
        "http://h:8890/sparql-auth",
        "http://h:8890/sparql-graph-crud-auth",
        "digest",
    )


def test_explicit_urls_win() -> None:
    target = endpoints("http://h/q", update="http://u/", store="http://s/")
    assert (target.update, target.store) == ("http://u/", "http://s/")


@pytest.mark.parametrize("url", ["ftp://h/q", "not a url", "http:///nohost"])
def test_bad_endpoint_url(url: str) -> None:
    with pytest.raises(GovgraphError, match="not an http"):
        endpoints(url)


def test_cli_error_is_one_line_and_exit_2(http_responder, capsys: pytest.CaptureFixture) -> None:
    url = http_responder(500, "text/plain", b"boom")
    assert main(["query", "statements-per-forum", "--endpoint", url]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("govgraph: error: ") and captured.err.count("\n") == 1
    assert "Traceback" not in captured.err
