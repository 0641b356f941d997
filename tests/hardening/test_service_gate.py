"""What runs is exactly what was checked: SERVICE and updates hidden from the check never reach an engine.

rdflib (the check) and the engines (Oxigraph embedded or as a server, rdflib inside pySHACL)
read some texts differently: ``\\u`` escapes, ``#`` comments ended by CR, NEL or LS, long
strings. A real listener on 127.0.0.1 counts every connection; each payload is either refused
with a one-line error or runs harmlessly, and the listener must see no connection at all.
Payloads: a fixed list of nasty cases (the issue's repro first) and seeded random mixes.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from govgraph import loading, paths, safety
from govgraph.errors import GovgraphError
from govgraph.explore import search
from govgraph.shacl_sparql import compile_queries, sparql_findings
from govgraph.source import open_store
from govgraph.store import temporary_store
from govgraph.validate import shacl_findings
from tests.conftest import run_cli

pytest_plugins = ["tests.servers", "tests.app_fixtures"]

EMPTY_RESULTS = b'{"head": {"vars": ["s", "p", "o"]}, "results": {"bindings": []}}'
SEED_DATA = [
    ox.Quad(
        ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal("o"), ox.NamedNode("https://w3id.org/govgraph/graph/reference")
    )
]


class Listener(ThreadingHTTPServer):
    """An HTTP server on loopback that counts every connection made to it."""

    daemon_threads = True

    def __init__(self) -> None:
        self.connections = 0
        super().__init__(("127.0.0.1", 0), _Answer)

    def process_request(self, request, client_address) -> None:
        self.connections += 1
        super().process_request(request, client_address)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/svc"


class _Answer(BaseHTTPRequestHandler):
    def _reply(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(EMPTY_RESULTS)))
        self.end_headers()
        self.wfile.write(EMPTY_RESULTS)

    do_GET = do_POST = _reply

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def running_listener() -> Iterator[Listener]:
    server = Listener()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def listener(running_listener: Listener) -> Listener:
    """The listener, its count set to zero for this test."""
    running_listener.connections = 0
    return running_listener


def repro(url: str) -> str:
    """The issue's repro, byte for byte."""
    return f'SELECT * WHERE {{ BIND("\\u0022" AS ?a) SERVICE <{url}> {{ ?s ?p ?o }} # """ AS ?b)\n}}'


BREAKS = ["\r", "\n", "\r\n", "\n\r", "\u0085", "\u2028", "\u2029", "\x0b", "\x0c"]


def nasty(url: str) -> list[str]:
    """Hand-written payloads: each hides SERVICE (or an update) from one parser or the other."""
    service = f"SERVICE <{url}> {{ ?s ?p ?o }}"
    escaped_iri = url.replace("svc", "\\u0073vc")
    cases = [
        repro(url),
        repro(url).replace("\n", "\r\n"),
        f"SELECT * WHERE {{ BIND('\\u0027' AS ?a) {service} # ''' AS ?b)\n}}",
        f'SELECT * WHERE {{ BIND("\\U00000022" AS ?a) {service} # """ AS ?b)\n}}',
        f'SELECT * WHERE {{ BIND("\\u0022\\u0022\\u0022" AS ?a) {service} # """ AS ?b)\n}}',
        f"SELECT * WHERE {{ ?s ?p ?o # \r {service}\n}}",
        f"SELECT * WHERE {{ ?s ?p ?o # \u0085 {service}\n}}",
        f"SELECT * WHERE {{ ?s ?p ?o # \u2028 {service}\n}}",
        f"\ufeffSELECT * WHERE {{ {service} }}",
        f"SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE <{escaped_iri}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ BIND(<{url}> AS ?u) SERVICE ?u {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ BIND(\"\"\"x\"\"\" AS ?a) BIND('''\\u0027''' AS ?b) {service} # ''' AS ?c)\n}}",
        f"SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}",
        f"SELECT * FROM NAMED <{url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o }} # \r ; LOAD <{url}>",
        f'SELECT * WHERE {{ BIND("\\u0022" AS ?a) }} ; LOAD <{url}> # """ AS ?b) }}',
        f"LOAD <{url}>",
        f"INSERT {{ ?s ?p ?o }} WHERE {{ {service} }}",
        f"ASK {{ {service} }}",
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {service} }}",
        f"DESCRIBE ?s WHERE {{ {service} }}",
        f"SELECT * WHERE {{ FILTER EXISTS {{ {service} }} }}",
        f"SELECT * WHERE {{ {{ SELECT * WHERE {{ {service} }} }} }}",
        f"PREFIX s: <{url}#> SELECT * WHERE {{ SERVICE s: {{ ?s ?p ?o }} }}",
        f'SELECT * WHERE {{ ?s ?p "\\\\u0022" . {service} }}',
        f'SELECT * WHERE {{ ?s ?p "{"x" * 5000}\\u0022 " . {service} # "\n}}',
        'SELECT * WHERE { ?s ?p "\\UFFFFFFFF" }',
        'SELECT * WHERE { ?s ?p "\\uD800" }',
    ]
    return cases


def generated(url: str, count: int = 60, seed: int = 20261203) -> list[str]:
    """Seeded random mixes of a string opener, a SERVICE or update clause, a comment and line breaks."""
    rng = random.Random(seed)
    openers = [
        '"\\u0022"',
        "'\\u0027'",
        '"""\\u0022"""',
        "'''\\u0027'''",
        '"\\U00000022"',
        '"x"',
        "'''x'''",
        '"\\u0022\\u0022\\u0022"',
    ]
    closers = ['"""', "'''", '"', "'", ""]
    escaped_iri = url.replace("svc", "\\u0073vc")
    clauses = [
        f"SERVICE <{url}> {{ ?s ?p ?o }}",
        f"SERVICE SILENT <{url}> {{ ?s ?p ?o }}",
        f"\\u0053ERVICE <{url}> {{ ?s ?p ?o }}",
        f"SERVICE <{escaped_iri}> {{ ?s ?p ?o }}",
        f"}} ; LOAD <{url}> ; SELECT * {{",
    ]
    payloads = []
    for _ in range(count):
        opener, closer, clause = rng.choice(openers), rng.choice(closers), rng.choice(clauses)
        first, second = rng.choice(BREAKS), rng.choice(BREAKS)
        comment = rng.choice(["#", "# x", ""])
        payloads.append(f"SELECT * WHERE {{ BIND({opener} AS ?a){first}{clause} {comment} {closer} AS ?b){second}}}")
    return payloads


def payloads(url: str) -> list[str]:
    return nasty(url) + generated(url)


def outcome(run) -> str:
    """'refused' (one-line GovgraphError) or 'ran'; anything else (a traceback) fails the test."""
    try:
        run()
    except GovgraphError as error:
        assert "\n" not in str(error), str(error)
        return "refused"
    return "ran"


def test_the_repro_is_refused_or_harmless_on_the_embedded_store(listener: Listener) -> None:
    store = temporary_store(SEED_DATA)
    try:
        outcome(lambda: store.select(repro(listener.url), timeout=20))
    finally:
        store.close()
    assert listener.connections == 0


def test_no_payload_reaches_the_listener_from_the_embedded_store(listener: Listener) -> None:
    store = temporary_store(SEED_DATA)
    try:
        results = [outcome(lambda: store.run(text, timeout=20)) for text in payloads(listener.url)]  # noqa: B023 (called at once)
    finally:
        store.close()
    assert listener.connections == 0
    assert "refused" in results and "ran" in results  # the generator covers both sides


def test_no_payload_reaches_the_listener_from_an_oxigraph_server(listener: Listener, oxigraph_url: str) -> None:
    store = open_store(oxigraph_url)
    for text in payloads(listener.url):
        outcome(lambda: store.run(text, timeout=20))  # noqa: B023 (called at once)
    assert listener.connections == 0


def test_the_query_command_sends_nothing(listener: Listener, tmp_path: Path, oxigraph_url: str) -> None:
    query = tmp_path / "repro.rq"
    query.write_text(repro(listener.url), encoding="utf-8")
    for extra in ([], ["--endpoint", oxigraph_url]):
        result = run_cli("query", str(query), "--timeout", "20", *extra)
        assert result.returncode in (0, 2), result.stderr
        assert "Traceback" not in result.stderr
    assert listener.connections == 0


def test_invalid_code_points_are_one_line_errors(tmp_path: Path) -> None:
    query = tmp_path / "bad.rq"
    query.write_text('SELECT * WHERE { ?s ?p "\\UFFFFFFFF" }', encoding="utf-8")
    result = run_cli("query", str(query))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    result = run_cli("query", "statements-matching-text", "--param", "text=\\UFFFFFFFF")
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_the_workbench_link_sends_nothing(listener: Listener, app_page, seed_store: Path) -> None:
    at = app_page("workbench", seed_store, q=repro(listener.url))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert listener.connections == 0


@pytest.mark.parametrize("words", ["\\UFFFFFFFF", "\\uD800", "\\u0022 } SERVICE"])
def test_the_search_box_refuses_escapes_in_one_line(words: str) -> None:
    store = temporary_store(SEED_DATA)
    try:
        with pytest.raises(GovgraphError) as caught:
            search(store, words=words)
    finally:
        store.close()
    assert "\n" not in str(caught.value)


SHAPE_HEAD = """@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <urn:ex#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def shapes_with(url: str) -> dict[str, str]:
    """Shapes hiding SERVICE in sh:select, sh:ask, sh:prefixes / sh:namespace, sh:path (pasted into $PATH)."""

    def sparql(select: str, namespace: str = "urn:ex#") -> str:
        return (
            SHAPE_HEAD
            + f"""
ex:prefixes sh:declare [ sh:prefix "ex" ; sh:namespace "{namespace}"^^xsd:anyURI ] .
ex:Shape a sh:NodeShape ; sh:targetNode ex:a ;
    sh:sparql [ sh:prefixes ex:prefixes ; sh:select {select} ] .
"""
        )

    path_injection = f"urn:ex#p> ?v . SERVICE <{url}> {{ ?s ?p ?o }} . $this <urn:ex#p"
    select_repro = repro(url).replace("SELECT *", "SELECT $this").replace("{ BIND", "{ BIND($this AS ?t) BIND", 1)
    long_repro = '"""' + select_repro.replace('"""', '\\"\\"\\"').replace("\\u", "\\\\u") + '"""'
    return {
        "repro-in-select": sparql(long_repro),
        "service-in-select": sparql(f'"SELECT $this WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"'),
        "namespace-injection": sparql(
            '"SELECT $this WHERE { $this ex:p ?o }"', f"urn:ex#> {{ }} SERVICE <{url}> {{ ?s ?p ?o }} #"
        ),
        "namespace-long-string": sparql(
            "\"SELECT $this WHERE { $this ex:p ?o } ''' AS ?z) } #\"",
            f"urn:ex#> SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} BIND('''",
        ),
        "namespace-escape": sparql('"SELECT $this WHERE { $this ex:p ?o }"', f"{url}#\\u003E"),
        "namespace-cr": sparql('"SELECT $this WHERE { $this ex:p ?o }"', "urn:ex#\\u000D"),
        "path-injection": SHAPE_HEAD
        + f"""
ex:PathComponent a sh:ConstraintComponent ; sh:parameter [ sh:path ex:check ] ;
    sh:propertyValidator [ a sh:SPARQLSelectValidator ; sh:select "SELECT $this WHERE {{ $this $PATH ?v }}" ] .
ex:Shape a sh:NodeShape ; sh:targetNode ex:a ; sh:property [ sh:path <{turtle_escaped(path_injection)}> ; ex:check true ] .
""",
        "ask-validator": SHAPE_HEAD
        + f"""
ex:C a sh:ConstraintComponent ; sh:parameter [ sh:path ex:flag ] ;
    sh:validator [ a sh:SPARQLAskValidator ; sh:ask "ASK {{ SERVICE <{url}> {{ ?s ?p ?o }} }}" ] .
ex:Shape a sh:NodeShape ; sh:targetNode ex:a ; ex:flag true .
""",
    }


def turtle_escaped(iri: str) -> str:
    """An IRI with the characters an IRIREF cannot hold written as \\u escapes (Turtle decodes them)."""
    return "".join(f"\\u{ord(char):04X}" if char in '<>{} "' else char for char in iri)


SHAPE_CASES = list(shapes_with("http://127.0.0.1:1/svc"))


@pytest.mark.parametrize("case", SHAPE_CASES)
@pytest.mark.parametrize("engine", ["pyshacl", "sparql"])
def test_shapes_send_nothing_with_either_engine(listener: Listener, case: str, engine: str) -> None:
    shapes = Graph().parse(data=shapes_with(listener.url)[case], format="turtle")
    if engine == "pyshacl":
        data = Graph().parse(data="<urn:ex#a> <urn:ex#p> 1 .", format="turtle")
        outcome(lambda: shacl_findings(data, shapes))
    else:
        store = ox.Store()
        store.add(ox.Quad(ox.NamedNode("urn:ex#a"), ox.NamedNode("urn:ex#p"), ox.Literal("1"), ox.DefaultGraph()))
        outcome(lambda: sparql_findings(store, shapes))
    assert listener.connections == 0


@pytest.mark.parametrize("case", ["repro-in-select", "namespace-long-string"])
def test_build_with_hostile_shapes_sends_nothing(listener: Listener, project_copy: Path, case: str) -> None:
    shapes = project_copy / "ontology" / "shapes.ttl"
    shapes.write_text(shapes.read_text(encoding="utf-8") + shapes_with(listener.url)[case], encoding="utf-8")
    result = run_cli("build", home=project_copy)
    assert "Traceback" not in result.stderr, result.stderr
    assert listener.connections == 0


def test_every_query_compiled_from_the_project_shapes_passes_the_gate_with_the_same_rows() -> None:
    """The SPARQL engine's own templates run ungated (cost); they must stay inside what the gate accepts."""
    store = loading.load_store()
    shapes = loading.load([paths.SHAPES_FILE, paths.RECOMMENDATIONS_FILE])
    for *_, query in compile_queries(shapes, store):
        written = safety.bind(query).text
        assert safety.bind(written).text == written
        assert rows(store, written) == rows(store, query)


def rows(store: ox.Store, query: str) -> list:
    solutions = store.query(query, use_default_graph_as_union=True)
    assert isinstance(solutions, ox.QuerySolutions)
    return sorted(tuple(str(row[v]) for v in solutions.variables) for row in solutions)
