"""The saved-question catalogue: header format, parameters as typed RDF terms, checks."""

from pathlib import Path

import pytest
from rdflib import Literal, URIRef, namespace

from govgraph import paths, queries
from govgraph.errors import GovgraphError, InputError
from govgraph.queries import Param

pytest_plugins = ["tests.store_data"]

HEADER = """\
# title: Things by forum
# description: First line,
#   second line.
# param: forum iri(gg:Forum) = forum:igf — the forum
#   to look at
# param: year xsd:gYear = 2025 -- the year
# param: label string@fr
# param: note string = a = b
PREFIX gg: <https://w3id.org/govgraph/ontology#>
# title: not part of the header
SELECT * WHERE { ?s gg:forum ?forum ; gg:year ?year ; gg:label ?label ; gg:note ?note }
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_header_fields_and_params(tmp_path: Path) -> None:
    saved = queries.load_query(write(tmp_path, "things-by-forum.rq", HEADER))
    assert saved.name == "things-by-forum"
    assert saved.title == "Things by forum"
    assert saved.description == "First line, second line."
    assert saved.params == (
        Param("forum", "iri(gg:Forum)", "forum:igf", "the forum to look at"),
        Param("year", "xsd:gYear", "2025", "the year"),
        Param("label", "string@fr", None, ""),
        Param("note", "string", "a = b", ""),
    )
    forum = saved.params[0]
    assert forum.kind == "iri" and forum.instance_of == URIRef("https://w3id.org/govgraph/ontology#Forum")
    assert saved.params[1].datatype == namespace.XSD.gYear and saved.params[2].required
    assert saved.form == "SELECT"


def test_bindings_use_defaults_and_types(tmp_path: Path) -> None:
    saved = queries.load_query(write(tmp_path, "q.rq", HEADER))
    assert saved.bindings({"label": "bonjour", "year": "2030"}) == {
        "forum": URIRef("https://w3id.org/govgraph/id/forum/igf"),
        "year": Literal("2030", datatype=namespace.XSD.gYear),
        "label": Literal("bonjour", lang="fr"),
        "note": Literal("a = b"),
    }


@pytest.mark.parametrize(
    "values, message",
    [
        ({}, "parameter label is required"),
        ({"label": "x", "colour": "red"}, "no parameter 'colour'"),
        ({"label": "x", "year": "next year"}, "'next year' is not a valid xsd:gYear"),
        ({"label": "x", "forum": 'x" } ; DROP ALL ; {'}, "not an IRI"),
        ({"label": "x", "forum": "unknownprefix:thing"}, None),
    ],
)
def test_bad_values_are_named(tmp_path: Path, values: dict, message: str | None) -> None:
    saved = queries.load_query(write(tmp_path, "q.rq", HEADER))
    if message is None:  # an unknown prefix reads as an IRI scheme: a valid, if odd, IRI
        assert saved.bindings(values)["forum"] == URIRef("unknownprefix:thing")
        return
    with pytest.raises(GovgraphError, match=message):
        saved.bindings(values)


def test_bad_param_line_names_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.rq", "# title: x\n# param: 2025 is not a name\nSELECT * WHERE { ?s ?p ?o }\n")
    with pytest.raises(InputError, match=r"bad\.rq:2: bad parameter line"):
        queries.load_query(path)


def test_a_saved_update_is_refused_when_loaded(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="updates are refused"):
        queries.load_query(write(tmp_path, "evil.rq", "# title: evil\nDROP ALL\n"))


def test_file_without_header_takes_inferred_params(tmp_path: Path) -> None:
    saved = queries.load_query(write(tmp_path, "ad-hoc.rq", "SELECT * WHERE { ?s ?p ?o }"))
    assert saved.title == "ad-hoc" and saved.params == ()
    assert saved.bindings({"s": "forum:igf", "o": "42", "p": "<urn:x>"}) == {
        "s": URIRef("https://w3id.org/govgraph/id/forum/igf"),
        "o": Literal(42),
        "p": URIRef("urn:x"),
    }


def test_find_by_name_by_path_and_suggest(tmp_path: Path) -> None:
    assert queries.find_query("commitments-by-forum").path == paths.QUERIES_DIR / "commitments-by-forum.rq"
    assert queries.find_query("checks/paragraph-without-statement").name == "checks/paragraph-without-statement"
    path = write(tmp_path, "mine.rq", "SELECT * WHERE { ?s ?p ?o }")
    assert queries.find_query(str(path)).path == path
    with pytest.raises(GovgraphError, match="did you mean commitments-by-forum"):
        queries.find_query("commitments-by-forun")


def test_every_saved_question_and_check_parses_and_has_a_title() -> None:
    saved = queries.list_queries() + queries.list_checks()
    assert saved, "queries/ holds no saved question"
    for query in saved:
        assert query.title != query.path.stem, f"{query.path} has no '# title:' line"
        assert query.description, f"{query.path} has no '# description:' line"
        query.bindings()  # every default is a valid value of its type


def test_checks_pass_on_the_fixture_and_catch_a_paragraph_without_statement(embedded, fixture_quads) -> None:
    import pyoxigraph as ox

    from govgraph.store import temporary_store

    assert all(result.passed for result in queries.run_checks(embedded))
    orphan = ox.Quad(
        ox.NamedNode("https://w3id.org/govgraph/id/document/annex4-p9"),
        ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
        ox.NamedNode("https://w3id.org/govgraph/ontology#Paragraph"),
        ox.NamedNode("https://w3id.org/govgraph/graph/document/annex4"),
    )
    with temporary_store(fixture_quads + [orphan]) as broken:
        failed = [r for r in queries.run_checks(broken) if not r.passed]
    assert [(r.query.name, [str(row[0]) for row in r.rows]) for r in failed] == [
        ("checks/paragraph-without-statement", ["https://w3id.org/govgraph/id/document/annex4-p9"])
    ]


def test_run_checks_is_the_runner_validate_uses_and_names_a_refused_check(embedded, tmp_path) -> None:
    from govgraph.errors import InputError
    from govgraph.validate import check_findings

    bad = tmp_path / "checks" / "reaches-out.rq"
    bad.parent.mkdir()
    bad.write_text(
        "# title: Reaches out\n# description: A check that asks another server.\n"
        "SELECT ?s WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }\n",
        encoding="utf-8",
    )
    for run in (lambda: queries.run_checks(embedded, bad.parent), lambda: check_findings(embedded, bad.parent)):
        with pytest.raises(InputError, match=r"reaches-out\.rq.*SERVICE"):
            run()


def test_choices_list_instances_of_the_class(embedded) -> None:
    forum = queries.find_query("commitments-by-forum").param("forum")
    assert forum is not None
    table = queries.choices(embedded, forum)
    # Sorted by label, case-insensitively: IGF 2023…, Internet Governance Forum, World Summit…
    assert [str(row[0]).rsplit("/", 1)[1] for row in table.rows] == ["kyoto-igf", "igf", "wsis"]


def test_reading_the_saved_questions_parses_each_file_once(tmp_path: Path) -> None:
    """`govgraph queries` reads every file: one parse each (the read-back of the written text waits for a run)."""
    for path in paths.QUERIES_DIR.glob("*.rq"):  # a comment of its own: texts no earlier test has parsed
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8") + f"\n# {tmp_path}\n", encoding="utf-8")
    from govgraph import safety

    before = safety._parsed.cache_info().misses
    saved = queries.list_queries(tmp_path)
    assert safety._parsed.cache_info().misses - before == len(saved)
    assert {question.form for question in saved} <= {"SELECT", "ASK"}
    assert safety._parsed.cache_info().misses - before == len(saved)


def test_a_saved_question_that_cannot_be_written_is_refused_when_loaded(tmp_path: Path) -> None:
    path = tmp_path / "q.rq"
    path.write_text("# title: T\nSELECT * WHERE { <s> ?p ?o }\n", encoding="utf-8")
    with pytest.raises(InputError, match="q.rq.*relative IRI"):
        queries.load_query(path)
