"""`govgraph ingest URL`: a page fetched from a real HTTP server on 127.0.0.1, saved under
data/sources/ with its URL and retrieval time as PROV-O provenance; each failure one clear line."""

import socket
import subprocess
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import PROV, RDFS

from govgraph.namespaces import DOC, GG
from tests.conftest import run_cli
from tests.hardening.faulty_server import head, serving
from tests.test_ingest_pdf import make_pdf

COMMUNIQUE = Path(__file__).parent / "fixtures" / "review" / "g7-digital-communique-fixture.txt"
PAGE = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>G7 Connectivity Statement (test fixture)</title></head>"
    "<body><nav>Home | News | Search |</nav><h1>G7 Connectivity Statement</h1>"
    "<p>We, the G7 Digital and Tech Ministers, met on 14 March 2024 in Verona.</p>"
    "<p>We will expand meaningful connectivity in low-income countries by the end of 2027.</p>"
    "<footer>All contents copyright © 2024.</footer></body></html>"
).encode()


def _cli(home: Path, *args: str) -> subprocess.CompletedProcess:
    return run_cli(*args, home=home, cwd=home)


def _answer(body: bytes, content_type: str, status: str = "200 OK", length: bool = True):
    def answer(send) -> None:
        send(head(status, content_type, len(body) if length else None) + body)

    return answer


def _sources_and_drafts(home: Path) -> list[Path]:
    return sorted(p.relative_to(home) for p in (home / "data").rglob("*") if "reference" not in p.parts)


def test_an_html_page_is_fetched_kept_with_its_provenance_and_merged(project_copy):
    with serving(_answer(PAGE, "text/html; charset=utf-8")) as server:
        url = server.url.replace("/query", "/statements/connectivity.html")
        before = datetime.now(UTC).replace(microsecond=0)
        ingested = _cli(project_copy, "ingest", url, "--date", "2024-03-14")
        after = datetime.now(UTC)
    assert ingested.returncode == 0, ingested.stderr
    saved = project_copy / "data" / "sources" / "connectivity.html"
    assert saved.read_bytes() == PAGE
    draft = project_copy / "data" / "drafts" / "connectivity.ttl"
    graph = Graph().parse(draft)
    document = DOC["connectivity"]
    assert graph.value(document, PROV.wasDerivedFrom) == URIRef(url)
    extraction = graph.value(predicate=PROV.used, object=document)
    retrieval = graph.value(extraction, PROV.wasInformedBy)
    assert graph.value(retrieval, PROV.used) == URIRef(url) and url in str(graph.value(retrieval, RDFS.label))
    retrieved = graph.value(retrieval, PROV.endedAtTime).toPython()
    assert before <= retrieved <= after
    assert str(graph.value(document, GG.sourceFile)) == "sources/connectivity.txt"

    merged = _cli(project_copy, "merge", str(draft))
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert (project_copy / "data" / "sources" / "connectivity.txt").is_file()
    assert _cli(project_copy, "validate").returncode == 0


def test_a_plain_text_page_is_cited_as_saved(project_copy):
    body = COMMUNIQUE.read_bytes()
    with serving(_answer(body, "text/plain")) as server:
        ingested = _cli(project_copy, "ingest", server.url, "--id", "communique")
    assert ingested.returncode == 0, ingested.stderr
    assert (project_copy / "data" / "sources" / "communique.txt").read_bytes() == body
    graph = Graph().parse(project_copy / "data" / "drafts" / "communique.ttl")
    assert str(graph.value(DOC["communique"], GG.sourceFile)) == "sources/communique.txt"
    assert not (project_copy / "data" / "drafts" / "communique.txt").exists()


def _never_answers(send) -> None:
    time.sleep(5)


@pytest.mark.parametrize(
    "answer, args, message",
    [
        (_answer(b"gone", "text/plain", "404 Not Found"), (), "the server answered HTTP 404 Not Found"),
        (_answer(b"\x89PNG....", "image/png"), (), "the server sent image/png; ingest reads"),
        (_answer(b"x" * 5000, "text/plain"), ("--max-bytes", "1000"), "is 5000 bytes, over the ingest size cap of 1000"),
        (
            _answer(b"x" * 5000, "text/plain", length=False),
            ("--max-bytes", "1000"),
            "more than the ingest size cap of 1000 bytes",
        ),
        (_answer(b"", "text/html"), (), "the server sent an empty body"),
        (_answer(b"caf\xe9", "text/plain; charset=utf-8"), (), "is not utf-8 text"),
        (_never_answers, ("--timeout", "1"), "no answer within 1 s (timeout)"),
    ],
    ids=["404", "media-type", "declared-size", "streamed-size", "empty", "not-utf8", "timeout"],
)
def test_each_failure_is_one_line_and_writes_nothing(project_copy, answer, args, message):
    before = _sources_and_drafts(project_copy)
    with serving(answer) as server:
        failed = _cli(project_copy, "ingest", server.url, "--id", "page", *args)
    assert failed.returncode == 2, failed.stdout + failed.stderr
    assert message in failed.stderr and server.url in failed.stderr
    assert len(failed.stderr.strip().splitlines()) == 1 and "Traceback" not in failed.stderr
    assert _sources_and_drafts(project_copy) == before


def test_only_http_urls_are_fetched_and_redirects_stay_on_http(project_copy):
    refused = _cli(project_copy, "ingest", "ftp://127.0.0.1/communique.txt")
    assert refused.returncode == 2 and "only http:// and https:// URLs" in refused.stderr
    redirect = b"HTTP/1.1 302 Found\r\nLocation: ftp://127.0.0.1/communique.txt\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    with serving(lambda send: send(redirect)) as server:
        moved = _cli(project_copy, "ingest", server.url)
    assert (
        moved.returncode == 2
        and "redirected to ftp://127.0.0.1/communique.txt, which is not http(s); not followed" in moved.stderr
    )
    with socket.socket() as bound:  # bound but not listening: a connection to it is refused
        bound.bind(("127.0.0.1", 0))
        closed = _cli(project_copy, "ingest", f"http://127.0.0.1:{bound.getsockname()[1]}/gone.html")
    assert closed.returncode == 2 and "cannot connect: Connection refused" in closed.stderr


def test_a_pdf_url_is_saved_as_sent_and_cited_through_its_text(project_copy):
    body = make_pdf(["1. We will expand meaningful connectivity in low-income countries by the end of 2027."])
    with serving(_answer(body, "application/pdf")) as server:
        ingested = _cli(project_copy, "ingest", server.url.replace("/query", "/docs/connectivity.pdf"))
    assert ingested.returncode == 0, ingested.stderr
    assert (project_copy / "data" / "sources" / "connectivity.pdf").read_bytes() == body
    graph = Graph().parse(project_copy / "data" / "drafts" / "connectivity.ttl")
    assert str(graph.value(DOC["connectivity"], GG.sourceFile)) == "sources/connectivity.txt"
    assert (project_copy / "data" / "drafts" / "connectivity.txt").is_file()
