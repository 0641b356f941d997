"""The `queries`, `query` and `publish` commands, run in-process through govgraph.cli.main."""

from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest

from govgraph import loading, paths
from govgraph.cli import main
from govgraph.source import open_store

pytest_plugins = ["tests.servers", "tests.store_data"]

CommandResult = tuple[int, str, str]


@pytest.fixture
def run(capsys: pytest.CaptureFixture) -> Callable[..., CommandResult]:
    def invoke(*argv: str) -> CommandResult:
        status = main(list(argv))
        captured = capsys.readouterr()
        return status, captured.out, captured.err

    return invoke


def test_queries_lists_names_and_titles(run) -> None:
    status, out, _ = run("queries")
    assert status == 0
    lines = out.splitlines()
    assert len(lines) == len(list(paths.QUERIES_DIR.glob("*.rq")))
    line = next(line for line in lines if line.startswith("commitments-by-forum "))
    assert line.split(None, 1)[1] == "Commitments by forum"


def test_queries_details_and_checks(run) -> None:
    status, out, _ = run("queries", "--details")
    assert status == 0 and "--param forum=…  (iri(gg:Forum), default forum:igf) the forum" in out
    status, out, _ = run("queries", "--checks")
    assert status == 0 and ["checks/paragraph-without-statement", "Paragraph without any statement"] in [
        line.split(None, 1) for line in out.splitlines()
    ]


def test_query_csv_on_the_embedded_store(run, embedded) -> None:
    status, out, err = run("query", "commitments-by-forum", "--store", str(embedded.location), "--format", "csv")
    assert (status, err) == (0, "")
    assert out == (
        "commitment,paragraph,quote\r\n"
        "https://w3id.org/govgraph/id/statement/a1,1,We commit to support the IGF.\r\n"
        'https://w3id.org/govgraph/id/statement/a2,2,"We support WSIS+20 in 2025, incl. «multi-stakeholder» work."\r\n'
    )


def test_query_with_a_param_as_tsv(run, embedded) -> None:
    status, out, _ = run(
        "query", "commitments-by-forum", "--store", str(embedded.location), "--param", "forum=forum:kyoto-igf", "--format", "tsv"
    )
    assert status == 0
    assert out == (
        "?commitment\t?paragraph\t?quote\n"
        '<https://w3id.org/govgraph/id/statement/b1>\t"7"^^<http://www.w3.org/2001/XMLSchema#integer>\t'
        '"Tab\\there, newline\\nthere, comma, and \\"quotes\\"."@en\n'
    )


def test_query_limit_notes_the_cut(run, embedded) -> None:
    status, out, err = run("query", "statements-per-forum", "--store", str(embedded.location), "--limit", "1")
    assert status == 0
    assert out.splitlines()[-1] == "(1 row, cut at the limit)"
    assert err == "govgraph: note: stopped at 1 rows (--limit); the query has more\n"


def test_ask_as_json_and_text(run, embedded) -> None:
    assert (
        run("query", "has-commitment-due-by", "--store", str(embedded.location), "-f", "json")[1]
        == '{"head": {}, "boolean": false}\n'
    )
    assert run("query", "has-commitment-due-by", "--store", str(embedded.location), "-p", "year=2027")[1] == "true\n"


def test_construct_file_as_ntriples(run, embedded, tmp_path: Path) -> None:
    query = tmp_path / "labels.rq"
    query.write_text("CONSTRUCT { ?f rdfs:label ?l } WHERE { ?f a gg:Forum ; rdfs:label ?l }", encoding="utf-8")
    status, out, _ = run("query", str(query), "--store", str(embedded.location), "--format", "nt")
    assert status == 0
    assert sorted(out.splitlines()) == [
        '<https://w3id.org/govgraph/id/forum/igf> <http://www.w3.org/2000/01/rdf-schema#label> "Internet Governance Forum"@en .',
        '<https://w3id.org/govgraph/id/forum/kyoto-igf> <http://www.w3.org/2000/01/rdf-schema#label> "IGF 2023 in Kyōto — 京都"@en .',
        '<https://w3id.org/govgraph/id/forum/wsis> <http://www.w3.org/2000/01/rdf-schema#label> "World Summit on the Information Society"@en .',
    ]


@pytest.mark.parametrize(
    "text, message",
    [
        ("DROP ALL", "updates are refused (DROP)"),
        ("SELECT * WHERE { SERVICE <http://127.0.0.1:1/q> { ?s ?p ?o } }", "SERVICE clauses are refused"),
        ("SELECT * FROM <http://127.0.0.1:1/x.ttl> WHERE { ?s ?p ?o }", "FROM and FROM NAMED are refused"),
    ],
)
def test_refusals_exit_2_with_one_line(run, embedded, tmp_path: Path, text: str, message: str) -> None:
    query = tmp_path / "bad.rq"
    query.write_text(text, encoding="utf-8")
    status, out, err = run("query", str(query), "--store", str(embedded.location))
    assert status == 2 and out == "" and message in err and err.count("\n") == 1


def test_timeout_exits_2(run, embedded, tmp_path: Path) -> None:
    values = " ".join(str(i) for i in range(1, 201))
    query = tmp_path / "explosive.rq"
    query.write_text("SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(f"VALUES ?{v} {{ {values} }}" for v in "abcde") + " }")
    status, _, err = run("query", str(query), "--store", str(embedded.location), "--timeout", "0.5")
    assert status == 2 and "stopped after 0.5 s (the time limit)" in err


def test_bad_param_syntax(run, embedded) -> None:
    status, _, err = run("query", "commitments-by-forum", "--store", str(embedded.location), "--param", "forum")
    assert status == 2 and "--param needs key=value" in err


@pytest.mark.server
def test_publish_twice_then_query_the_server(run, fresh_oxigraph_url: str) -> None:
    if paths.BUILD_FILE.is_file():
        expected = {
            (q.subject, q.predicate, q.object, q.graph_name)
            for q in ox.parse(path=str(paths.BUILD_FILE), format=ox.RdfFormat.N_QUADS)
        }
    else:
        expected = set(map(tuple, ((q.subject, q.predicate, q.object, q.graph_name) for q in loading.load_store())))
    for _ in range(2):
        status, out, _ = run("publish", "--endpoint", fresh_oxigraph_url)
        assert status == 0 and out.splitlines()[-1].startswith(f"published {len(expected)} triples in ")
    store = open_store(fresh_oxigraph_url)
    assert store.triple_count() == len(expected)
    assert store.graph_names() == sorted({g.value for *_, g in expected})
    status, out, _ = run("query", "statements-per-forum", "--endpoint", fresh_oxigraph_url, "--format", "json")
    assert status == 0 and '"vars": [' in out


def test_query_pages_with_offset_and_limit(run, embedded) -> None:
    """`--offset N --limit K` prints rows N+1…N+K of the question's order and names the next offset."""
    store = ("--store", str(embedded.location), "--format", "csv")
    status, whole, _ = run("query", "commitments-by-forum", *store)
    assert status == 0
    header, *rows = whole.splitlines(keepends=True)
    assert len(rows) >= 2
    pages = []
    for offset in range(len(rows)):
        status, out, err = run("query", "commitments-by-forum", *store, "--limit", "1", "--offset", str(offset))
        assert status == 0 and out.splitlines(keepends=True)[0] == header
        pages.extend(out.splitlines(keepends=True)[1:])
        more = offset + 1 < len(rows)
        assert (f"--offset {offset + 1}" in err) is more
    assert pages == rows


def test_query_offset_is_refused_for_an_ask(run, embedded) -> None:
    status, _, err = run("query", "has-commitment-due-by", "--store", str(embedded.location), "--offset", "0")
    assert status == 2 and "only a SELECT" in err
